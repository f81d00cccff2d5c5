"""Both charts installed with `helm --wait` and their hooks, on simulated nodes.

control_plane.py's server plus kube-controller-manager, kube-scheduler and kwok (fake nodes whose
"kubelet" marks pods Ready and Job pods Succeeded). This runs what test_live_apiserver.py cannot: Helm's
hook ordering (the platform's post-install/post-upgrade logging-setup Job must finish before the release
does), --wait on Deployments, the StatefulSet (its claim bound to a volume), the DaemonSet and the Job,
and the rollout a new image tag triggers. No container runs: readiness here means scheduled and
admitted, not that a program started.
"""
import json
import os

import pytest

from conftest import APP_CHART, HELM, PLATFORM_CHART, ROOT
from control_plane import BIN, ControlPlane

CRDS = ROOT / ".tools" / "k8s-crds"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    plane = ControlPlane(tmp_path_factory.mktemp("simulated"))
    try:
        plane.start()
        plane.start_nodes()
        yield plane
    finally:
        plane.stop()


def helm(cluster, *args):
    return cluster.run([HELM, "--kube-context", "kind-zingtickets", *args])


def test_the_platform_installs_and_upgrades_with_its_hook_and_wait(cluster):
    cluster.kubectl("apply", "-f", ROOT / "k8s" / "namespaces.yaml")
    files = sorted((CRDS / "prometheus-operator").glob("*.yaml")) + sorted((CRDS / "strimzi").glob("*.yaml"))
    cluster.kubectl("apply", "--server-side", *[arg for path in files for arg in ("-f", path)])
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd", "--all")
    # The Secrets `make deploy` creates, by the same script, through the kind context it pins.
    script = cluster.run(["env", f"PATH={BIN}:{os.environ['PATH']}", "KUBE_CONTEXT=kind-zingtickets",
                          ROOT / "k8s" / "scripts" / "create-secrets.sh"])
    assert "secret zingtickets/zingtickets-card-token created" in script.stdout
    # PostgreSQL's claim needs a volume; kind's local-path provisioner is not here.
    volume = {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "postgresql-data"},
              "spec": {"capacity": {"storage": "8Gi"}, "accessModes": ["ReadWriteOnce"],
                       "hostPath": {"path": "/var/lib/zingtickets-test"}}}
    cluster.kubectl("apply", "-f", "-", stdin=json.dumps(volume))

    helm(cluster, "install", "zingtickets-platform", PLATFORM_CHART, "--namespace", "default", "--wait",
         "--timeout", "4m")
    job = json.loads(cluster.kubectl("get", "job", "logging-setup", "--namespace", "logging", "-o", "json").stdout)
    assert job["status"].get("succeeded") == 1, job["status"]
    helm(cluster, "upgrade", "zingtickets-platform", PLATFORM_CHART, "--namespace", "default", "--wait",
         "--timeout", "4m", "--set", "mailpit.image=axllent/mailpit:v1.27.8")
    # The post-upgrade hook ran again: before-hook-creation replaced the first Job.
    rerun = json.loads(cluster.kubectl("get", "job", "logging-setup", "--namespace", "logging", "-o", "json").stdout)
    assert rerun["metadata"]["uid"] != job["metadata"]["uid"] and rerun["status"].get("succeeded") == 1
    status = json.loads(helm(cluster, "status", "zingtickets-platform", "--namespace", "default", "-o", "json").stdout)
    assert status["info"]["status"] == "deployed" and status["version"] == 2


def test_the_app_installs_waits_and_rolls_out_a_rebuilt_image(cluster):
    helm(cluster, "install", "zingtickets", APP_CHART, "--namespace", "zingtickets", "--wait", "--timeout", "3m")
    helm(cluster, "upgrade", "zingtickets", APP_CHART, "--namespace", "zingtickets", "--wait", "--timeout", "3m",
         "--set", "image.tag=1.0.0-SNAPSHOT-20260101000000")
    pods = json.loads(cluster.kubectl("get", "pods", "--namespace", "zingtickets", "-l",
                                      "app.kubernetes.io/name=booking-service", "-o", "json").stdout)["items"]
    running = [p for p in pods if not p["metadata"].get("deletionTimestamp")]
    assert running and all(p["spec"]["containers"][0]["image"]
                           == "zingtickets/booking-service:1.0.0-SNAPSHOT-20260101000000-native" for p in running)
    assert all(any(c["type"] == "Ready" and c["status"] == "True" for c in p["status"]["conditions"]) for p in running)
    assert len(running) == 2, "the old ReplicaSet's pods are gone, the new one's are all Ready"
