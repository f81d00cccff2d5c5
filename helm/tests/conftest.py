"""Renders the charts once per session with the pinned Helm and hands the objects to the tests.

Nothing here talks to a cluster: `helm template` renders offline, the validators read schemas that
infra/scripts/install-k8s-validation.sh installed into .tools/ from registry packages.
"""
import pathlib
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
HELM = ROOT / ".tools" / "bin" / "helm"
APP_CHART = ROOT / "helm" / "zingtickets"
PLATFORM_CHART = ROOT / "k8s" / "platform"
PRODUCTION_VALUES = APP_CHART / "ci" / "production-values.yaml"
APP_NAMESPACE = "zingtickets"


def versions():
    """k8s/versions.env as a dict (the Makefile and the install scripts read the same file)."""
    pairs = {}
    for line in (ROOT / "k8s" / "versions.env").read_text().splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            pairs[key] = value
    return pairs


KUBERNETES_VERSION = versions()["KUBERNETES_VERSION"]


class RenderError(Exception):
    pass


class _UniqueKeyLoader(yaml.SafeLoader):
    """Rejects a mapping with a key twice: YAML parsers silently keep one, the API server refuses it."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        duplicates = {k for k in keys if keys.count(k) > 1}
        if duplicates:
            raise RenderError(f"duplicate keys {sorted(duplicates)} at line {node.start_mark.line + 1}")
        return super().construct_mapping(node, deep)


# The custom resource kinds the platform's operators serve (their CRDs); the app chart renders its objects
# of these kinds only where the cluster serves them.
OPERATOR_KINDS = ("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PrometheusRule",
                  "kafka.strimzi.io/v1/KafkaTopic")


def render(chart, release, namespace, values_files=(), set_values=(), show_only=None, api_versions=OPERATOR_KINDS):
    """`helm template` of a chart; the rendered objects as dicts (empty documents dropped)."""
    command = [str(HELM), "template", release, str(chart), "--namespace", namespace,
               "--kube-version", KUBERNETES_VERSION, *(f"--api-versions={a}" for a in api_versions)]
    for values in values_files:
        command += ["--values", str(values)]
    for assignment in set_values:
        command += ["--set", assignment]
    if show_only:
        command += ["--show-only", show_only]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RenderError(result.stderr)
    return [doc for doc in yaml.load_all(result.stdout, Loader=_UniqueKeyLoader) if doc]


def render_app(values_files=(), set_values=(), api_versions=OPERATOR_KINDS):
    return render(APP_CHART, "zingtickets", APP_NAMESPACE, values_files, set_values, api_versions=api_versions)


def namespace_of(obj, default=APP_NAMESPACE):
    return obj["metadata"].get("namespace", default)


def of_kind(objects, kind):
    return [o for o in objects if o["kind"] == kind]


def load_yaml(path):
    return yaml.safe_load(pathlib.Path(path).read_text())


@pytest.fixture(scope="session", autouse=True)
def tools_installed():
    if not HELM.exists():
        pytest.fail(f"{HELM} is missing: run make test-k8s (it installs Helm)")


@pytest.fixture(scope="session")
def app_default():
    return render_app()


@pytest.fixture(scope="session")
def app_production():
    return render_app([PRODUCTION_VALUES])


@pytest.fixture(scope="session")
def platform_default():
    return render(PLATFORM_CHART, "zingtickets-platform", "default")


@pytest.fixture(scope="session", params=["default", "production"])
def app_objects(request, app_default, app_production):
    """The app chart rendered with each values setting: tests using it run for both."""
    return app_default if request.param == "default" else app_production


@pytest.fixture(scope="session")
def kube_prometheus_stack_values():
    return load_yaml(ROOT / "k8s" / "values" / "kube-prometheus-stack.yaml")
