"""The charts against a real kube-apiserver (control_plane.py): install, upgrade, admission, CRD ordering.

What a render cannot show and this does: the server's own validation of every object (OpenAPI and the
operators' CRD schemas, unknown fields rejected), Pod Security admission of every pod template in
namespaces that enforce it, Helm's kubeVersion check against the server's version, immutable fields
on upgrade, and what happens to the custom resources when their CRDs are not installed yet.
No kubelet, scheduler or controller-manager runs here, so no pod is created and nothing becomes ready:
releases are installed without --wait, the platform with --no-hooks, and its hook Job is submitted on
its own. test_simulated_nodes.py runs the hooks and --wait, on simulated nodes.
At the end the Prometheus Operator runs against the same server, and its generated configuration is
checked with promtool.
"""
import json
import re

import pytest
import yaml

from conftest import APP_CHART, HELM, PLATFORM_CHART, PRODUCTION_VALUES, ROOT
from control_plane import ControlPlane

CRDS = ROOT / ".tools" / "k8s-crds"
NAMESPACES = ROOT / "k8s" / "namespaces.yaml"
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    plane = ControlPlane(tmp_path_factory.mktemp("control-plane"))
    try:
        plane.start()
        yield plane
    finally:
        plane.stop()


def helm(cluster, *args, check=True):
    return cluster.run([HELM, "--kube-context", "kind-zingtickets", *args], check=check)


def _manifest(cluster, release, namespace):
    text = helm(cluster, "get", "manifest", release, "--namespace", namespace).stdout
    return [d for d in yaml.safe_load_all(text) if d]


def _pods_of(objects):
    """Each workload's pod template as the Pod its controller would create."""
    for workload in objects:
        if workload["kind"] in WORKLOAD_KINDS:
            template = workload["spec"]["template"]
            # A StatefulSet's controller turns each claim template into the pod's PVC volume.
            claims = [{"name": c["metadata"]["name"],
                       "persistentVolumeClaim": {"claimName": f"{c['metadata']['name']}-{workload['metadata']['name']}-0"}}
                      for c in workload["spec"].get("volumeClaimTemplates", [])]
            template = {**template, "spec": {**template["spec"], "volumes": template["spec"].get("volumes", []) + claims}}
            yield workload, {"apiVersion": "v1", "kind": "Pod",
                             "metadata": {"name": f"{workload['metadata']['name']}-test",
                                          "namespace": workload["metadata"].get("namespace"),
                                          "labels": template["metadata"].get("labels", {})},
                             "spec": template["spec"]}


def _dry_run_create(cluster, obj, namespace):
    return cluster.kubectl("create", "--dry-run=server", "--namespace", namespace, "-f", "-",
                           stdin=json.dumps(obj), check=False)


def test_the_server_is_the_kubernetes_the_tools_build(cluster):
    from conftest import versions
    version = json.loads(cluster.kubectl("version", "-o", "json").stdout)["serverVersion"]["gitVersion"]
    assert version == "v" + versions()["APISERVER_KUBERNETES_VERSION"]


def test_namespaces_apply_with_the_pod_security_they_promise(cluster):
    cluster.kubectl("apply", "-f", NAMESPACES)
    labels = {n["metadata"]["name"]: n["metadata"].get("labels", {})
              for n in json.loads(cluster.kubectl("get", "namespaces", "-o", "json").stdout)["items"]}
    for namespace in ("zingtickets", "observability", "data", "notifications"):
        assert labels[namespace]["pod-security.kubernetes.io/enforce"] == "restricted", namespace
    # No controller-manager creates each namespace's default ServiceAccount; pods without one need it.
    for namespace in labels:
        cluster.kubectl("create", "serviceaccount", "default", "--namespace", namespace, check=False)


def test_on_a_bare_cluster_the_operator_kinds_are_unknown_and_the_app_installs_without_them(cluster):
    """Before the operators' CRDs exist the server refuses their kinds: an install that sent them failed whole.
    The chart leaves them out there and its notes say so."""
    rendered = helm(cluster, "template", "zingtickets", APP_CHART, "--namespace", "zingtickets",
                    "--api-versions=monitoring.coreos.com/v1/ServiceMonitor").stdout
    monitor = next(d for d in yaml.safe_load_all(rendered) if d and d["kind"] == "ServiceMonitor")
    refused = _dry_run_create(cluster, monitor, "zingtickets")
    assert refused.returncode != 0
    assert 'no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"' in refused.stderr

    installed = helm(cluster, "install", "zingtickets", APP_CHART, "--namespace", "zingtickets")
    assert "WARNING: this cluster does not serve these kinds" in installed.stdout
    kinds = {o["kind"] for o in _manifest(cluster, "zingtickets", "zingtickets")}
    assert "Deployment" in kinds and not kinds & {"ServiceMonitor", "PrometheusRule", "KafkaTopic"}


def test_the_operator_crds_install_and_become_established(cluster):
    files = sorted((CRDS / "prometheus-operator").glob("*.yaml")) + sorted((CRDS / "strimzi").glob("*.yaml"))
    assert len(files) >= 5
    # Server-side apply: the largest CRDs exceed the client-side last-applied annotation's size limit.
    cluster.kubectl("apply", "--server-side", *[arg for path in files for arg in ("-f", path)])
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd", "--all")


def test_an_upgrade_after_the_crds_adds_the_operator_kinds(cluster):
    upgraded = helm(cluster, "upgrade", "zingtickets", APP_CHART, "--namespace", "zingtickets")
    assert "WARNING" not in upgraded.stdout
    kinds = [o["kind"] for o in _manifest(cluster, "zingtickets", "zingtickets")]
    assert kinds.count("ServiceMonitor") == 3 and kinds.count("PrometheusRule") == 3 and kinds.count("KafkaTopic") == 6
    topics = json.loads(cluster.kubectl("get", "kafkatopics", "--namespace", "kafka", "-o", "json").stdout)["items"]
    assert len(topics) == 6


def test_the_app_upgrades_to_a_rebuilt_image_and_to_the_production_values(cluster):
    """What `make deploy` does after `make images`: a new tag (and flavor) rolls the Deployments."""
    helm(cluster, "upgrade", "zingtickets", APP_CHART, "--namespace", "zingtickets",
         "--set", "image.tag=1.0.0-SNAPSHOT-20260101000000", "--set", "image.flavor=jvm")
    deployment = json.loads(cluster.kubectl("get", "deployment", "booking-service", "--namespace", "zingtickets",
                                            "-o", "json").stdout)
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] \
        == "zingtickets/booking-service:1.0.0-SNAPSHOT-20260101000000-jvm"
    assert deployment["metadata"]["generation"] >= 2
    helm(cluster, "upgrade", "zingtickets", APP_CHART, "--namespace", "zingtickets", "--values", PRODUCTION_VALUES)
    kinds = {o["kind"] for o in _manifest(cluster, "zingtickets", "zingtickets")}
    assert {"HorizontalPodAutoscaler", "Ingress"} <= kinds


def test_every_app_pod_is_admitted_by_the_restricted_pod_security_standard(cluster):
    pods = list(_pods_of(_manifest(cluster, "zingtickets", "zingtickets")))
    assert len(pods) == 3
    for workload, pod in pods:
        admitted = _dry_run_create(cluster, pod, "zingtickets")
        assert admitted.returncode == 0, f"{workload['metadata']['name']}: {admitted.stderr}"
    # The check sees a violation: the same pod without its container security context is refused.
    _, pod = pods[0]
    for container in pod["spec"]["containers"]:
        container.pop("securityContext")
    refused = _dry_run_create(cluster, pod, "zingtickets")
    assert refused.returncode != 0 and 'violates PodSecurity "restricted:latest"' in refused.stderr


def test_the_platform_installs_and_upgrades(cluster):
    helm(cluster, "install", "zingtickets-platform", PLATFORM_CHART, "--namespace", "default", "--no-hooks")
    helm(cluster, "upgrade", "zingtickets-platform", PLATFORM_CHART, "--namespace", "default", "--no-hooks",
         "--set", "mailpit.image=axllent/mailpit:v1.27.8")
    kafka = json.loads(cluster.kubectl("get", "kafka", "zingtickets", "--namespace", "kafka", "-o", "json").stdout)
    from conftest import load_yaml
    assert kafka["spec"]["kafka"]["version"] == str(load_yaml(PLATFORM_CHART / "values.yaml")["kafka"]["version"])


def test_every_platform_pod_is_admitted_in_its_namespace(cluster):
    pods = list(_pods_of(_manifest(cluster, "zingtickets-platform", "default")))
    assert len(pods) >= 5
    for workload, pod in pods:
        admitted = _dry_run_create(cluster, pod, pod["metadata"]["namespace"])
        assert admitted.returncode == 0, f"{workload['metadata']['name']}: {admitted.stderr}"


def test_the_platform_hook_job_is_accepted_with_its_pod(cluster):
    """The logging-setup hook, left out of the install above (no kubelet would ever finish it)."""
    rendered = helm(cluster, "template", "zingtickets-platform", PLATFORM_CHART, "--namespace", "default",
                    "--show-only", "templates/logging-setup.yaml").stdout
    jobs = [d for d in yaml.safe_load_all(rendered) if d and d["kind"] == "Job"]
    assert jobs and all("post-install" in j["metadata"]["annotations"]["helm.sh/hook"] for j in jobs)
    for job in jobs:
        accepted = _dry_run_create(cluster, job, job["metadata"]["namespace"])
        assert accepted.returncode == 0, accepted.stderr
        [(_, pod)] = _pods_of([job])
        admitted = _dry_run_create(cluster, pod, job["metadata"]["namespace"])
        assert admitted.returncode == 0, admitted.stderr


def test_an_immutable_field_change_is_refused_on_upgrade(cluster):
    """The server, not the render, refuses a changed selector: the check that upgrades here are real."""
    helm(cluster, "upgrade", "zingtickets", APP_CHART, "--namespace", "zingtickets", "--values", PRODUCTION_VALUES)
    deployment = json.loads(cluster.kubectl("get", "deployment", "booking-service", "--namespace", "zingtickets",
                                            "-o", "json").stdout)
    deployment["spec"]["selector"]["matchLabels"]["extra"] = "x"
    deployment["spec"]["template"]["metadata"]["labels"]["extra"] = "x"
    refused = cluster.kubectl("replace", "-f", "-", stdin=json.dumps(deployment), check=False)
    assert refused.returncode != 0 and "field is immutable" in refused.stderr


# ---- The Prometheus Operator's view: the configuration it generates from the chart's objects ----

# The promtool of the Prometheus every other check uses (make tools, infra/scripts/install-prometheus.sh):
# Prometheus 3 reads the configuration of earlier 3.x releases, such as the 3.5 the operator writes for.
PROMTOOL = ROOT / ".tools" / "prometheus-3.16.0" / "promtool"
PROMETHEUS = "kube-prometheus-stack"


@pytest.fixture(scope="module")
def operator_output(cluster, tmp_path_factory, kube_prometheus_stack_values):
    """Runs the Prometheus Operator against the server with a Prometheus selecting as k8s/'s does; yields the
    generated Prometheus configuration and rule files once the operator has written them."""
    import base64
    import gzip
    import subprocess
    import time
    from control_plane import BIN, _free_port, stop_process

    spec = kube_prometheus_stack_values["prometheus"]["prometheusSpec"]
    prometheus = {"apiVersion": "monitoring.coreos.com/v1", "kind": "Prometheus",
                  "metadata": {"name": PROMETHEUS, "namespace": "monitoring"},
                  "spec": {key: spec[key] for key in ("serviceMonitorSelector", "serviceMonitorNamespaceSelector",
                                                      "ruleSelector", "ruleNamespaceSelector", "scrapeInterval",
                                                      "evaluationInterval")}}
    cluster.kubectl("apply", "-f", "-", stdin=json.dumps(prometheus))
    log = open(tmp_path_factory.mktemp("operator") / "operator.log", "w")
    operator = subprocess.Popen([str(BIN / "prometheus-operator"), f"--web.listen-address=127.0.0.1:{_free_port()}",
                                 "--kubelet-service=", "--log-level=warn"],
                                stdout=log, stderr=subprocess.STDOUT, env=cluster.env())
    try:
        deadline = time.monotonic() + 120
        while True:
            secret = cluster.kubectl("get", "secret", f"prometheus-{PROMETHEUS}", "--namespace", "monitoring",
                                     "-o", "json", check=False)
            rules = cluster.kubectl("get", "configmap", f"prometheus-{PROMETHEUS}-rulefiles-0", "--namespace",
                                    "monitoring", "-o", "json", check=False)
            if secret.returncode == 0 and rules.returncode == 0:
                data = json.loads(secret.stdout)["data"]
                config = yaml.safe_load(gzip.decompress(base64.b64decode(data["prometheus.yaml.gz"])))
                jobs = [c["job_name"] for c in config.get("scrape_configs") or []]
                if sum(j.startswith("serviceMonitor/zingtickets/") for j in jobs) == 3:
                    yield config, json.loads(rules.stdout)["data"]
                    return
            assert operator.poll() is None, open(log.name).read()[-3000:]
            assert time.monotonic() < deadline, "no configuration from the operator:\n" + open(log.name).read()[-3000:]
            time.sleep(2)
    finally:
        stop_process(operator)


def test_promtool_accepts_the_configuration_the_operator_generates(operator_output, tmp_path):
    import subprocess
    config, rule_files = operator_output
    path = tmp_path / "prometheus.yaml"
    path.write_text(yaml.safe_dump(config))
    # Syntax only: the configuration names files (service account token, rule files) of the Prometheus pod.
    result = subprocess.run([str(PROMTOOL), "check", "config", "--syntax-only", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    zingtickets = {name: text for name, text in rule_files.items() if name.startswith("zingtickets-")}
    assert len(zingtickets) == 3, sorted(rule_files)
    for name, text in zingtickets.items():
        (tmp_path / name).write_text(text)
    result = subprocess.run([str(PROMTOOL), "check", "rules", *[str(tmp_path / n) for n in zingtickets]],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _kept(job, target):
    """Would the job's keep/drop rules on discovery labels keep a target with these __meta_ labels?"""
    for rule in job.get("relabel_configs", []):
        sources = rule.get("source_labels", [])
        if rule.get("action") not in ("keep", "drop") or not all(l.startswith("__meta_") for l in sources):
            continue
        value = rule.get("separator", ";").join(target.get(l, "") for l in sources)
        matches = re.fullmatch(rule.get("regex", "(.*)"), value) is not None
        if matches != (rule["action"] == "keep"):
            return False
    return True


def _endpoint(service, port, role):
    prefix = "__meta_kubernetes_endpoint" if role == "endpoints" else "__meta_kubernetes_endpointslice"
    return {"__meta_kubernetes_service_label_app_kubernetes_io_name": service,
            "__meta_kubernetes_service_labelpresent_app_kubernetes_io_name": "true",
            "__meta_kubernetes_service_label_app_kubernetes_io_instance": "zingtickets",
            "__meta_kubernetes_service_labelpresent_app_kubernetes_io_instance": "true",
            f"{prefix}_port_name": port}


def test_the_operator_scrapes_each_service_on_its_management_port(operator_output):
    config, _ = operator_output
    jobs = {c["job_name"]: c for c in config["scrape_configs"]}
    services = ("booking-service", "payment-service", "email-service")
    for service in services:
        [name] = [j for j in jobs if j.startswith(f"serviceMonitor/zingtickets/{service}/")]
        job = jobs[name]
        assert job["metrics_path"] == "/q/metrics" and job["honor_labels"] is True
        [discovery] = job["kubernetes_sd_configs"]
        assert discovery["namespaces"]["names"] == ["zingtickets"]
        role = discovery["role"]
        assert _kept(job, _endpoint(service, "management", role))
        assert not _kept(job, _endpoint(service, "http", role)), "the API port is not scraped"
        other = next(s for s in services if s != service)
        assert not _kept(job, _endpoint(other, "management", role)), "one job per service"
        assert any(r.get("target_label") == "application" and r.get("replacement") == service
                   for r in job["relabel_configs"])
