"""Version facts as tests: what the pinned upstream releases accept and where their images write.

A render and a schema validation accept a Kafka version Strimzi no longer supports and a read-only
container that cannot create its database; both only fail on a real cluster, minutes into `make deploy`.
The facts are in version_facts.yaml, with their sources.
"""
import pathlib

import pytest

from conftest import PLATFORM_CHART, ROOT, load_yaml, of_kind, render, versions

FACTS = load_yaml(pathlib.Path(__file__).parent / "version_facts.yaml")
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job")


def _repository(image):
    """docker.io/library/postgres:17.6 -> postgres; quay.io/x/y:1@sha256:.. -> quay.io/x/y."""
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)
    if ":" in last[-1]:
        name = name.rsplit(":", 1)[0]
    for prefix in ("docker.io/library/", "docker.io/"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def unsupported_kafka_version(platform_values, strimzi_version):
    supported = FACTS["strimziKafkaVersions"].get(strimzi_version)
    if supported is None:
        return f"no supported Kafka versions recorded for Strimzi {strimzi_version}: add them to version_facts.yaml"
    version = str(platform_values["kafka"]["version"])
    if version not in supported:
        return f"Strimzi {strimzi_version} supports Kafka {supported}, not {version}"
    return None


def unwritable_paths(objects):
    """(workload, container, path) for each known write path a read-only container has no volume on."""
    missing = []
    for workload in (o for o in objects if o["kind"] in WORKLOAD_KINDS):
        pod = workload["spec"]["template"]["spec"]
        for container in pod["containers"] + pod.get("initContainers", []):
            context = {**pod.get("securityContext", {}), **container.get("securityContext", {})}
            if not context.get("readOnlyRootFilesystem"):
                continue
            repository = _repository(container["image"])
            if repository not in FACTS["imageWritePaths"]:
                missing.append((workload["metadata"]["name"], container["name"],
                                f"unknown image {repository}: record its write paths in version_facts.yaml"))
                continue
            mounts = [m["mountPath"].rstrip("/") for m in container.get("volumeMounts", []) if not m.get("readOnly")]
            for path in FACTS["imageWritePaths"][repository]:
                if not any(path == m or path.startswith(m + "/") for m in mounts):
                    missing.append((workload["metadata"]["name"], container["name"], path))
    return missing


def test_the_platform_kafka_version_is_one_the_pinned_strimzi_supports():
    values = load_yaml(PLATFORM_CHART / "values.yaml")
    assert unsupported_kafka_version(values, versions()["STRIMZI_VERSION"]) is None


def test_the_kafka_version_check_rejects_a_version_strimzi_dropped():
    """Kafka 4.1.1 was the platform's value when Strimzi 1.2.0 no longer ran it."""
    assert "not 4.1.1" in unsupported_kafka_version({"kafka": {"version": "4.1.1"}}, "1.2.0")
    assert "no supported Kafka versions" in unsupported_kafka_version({"kafka": {"version": "4.2.0"}}, "9.9.9")


def test_every_read_only_platform_container_mounts_a_writable_volume_where_its_image_writes(platform_default):
    assert unwritable_paths(platform_default) == []


def test_every_platform_image_has_its_write_paths_recorded(platform_default):
    images = {_repository(c["image"]) for w in platform_default if w["kind"] in WORKLOAD_KINDS
              for c in w["spec"]["template"]["spec"]["containers"]}
    assert images <= set(FACTS["imageWritePaths"]), images - set(FACTS["imageWritePaths"])


def test_the_write_path_check_finds_mailpit_without_a_writable_tmp(platform_default):
    """Mailpit as it was: read-only root file system and no volume, so no SQLite file in /tmp."""
    [mailpit] = [o for o in of_kind(platform_default, "Deployment") if o["metadata"]["name"] == "mailpit"]
    broken = {**mailpit, "spec": {**mailpit["spec"], "template": {**mailpit["spec"]["template"], "spec": {
        **mailpit["spec"]["template"]["spec"], "volumes": [],
        "containers": [{**c, "volumeMounts": []} for c in mailpit["spec"]["template"]["spec"]["containers"]]}}}}
    assert unwritable_paths([broken]) == [("mailpit", "mailpit", "/tmp")]


@pytest.mark.parametrize("image, repository", [
    ("postgres:17.6", "postgres"), ("docker.io/library/postgres:17.6", "postgres"),
    ("axllent/mailpit:v1.27.7", "axllent/mailpit"), ("registry:5000/a/b:1@sha256:" + "0" * 64, "registry:5000/a/b"),
])
def test_image_repositories_are_read_without_tag_and_digest(image, repository):
    assert _repository(image) == repository
