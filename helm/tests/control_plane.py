"""A real Kubernetes control plane on loopback for the chart tests: etcd and kube-apiserver, nothing else.

The binaries are built from the Go module proxy by infra/scripts/install-apiserver.sh. No kubelet,
scheduler or controller-manager runs: objects are stored, validated and admitted exactly as on a
cluster (OpenAPI and CRD schemas, Pod Security admission, immutable fields, RBAC), but no pod is ever
created or run. Free ports, a temporary directory, self-made certificates; stop() ends both processes.
"""
import json
import os
import pathlib
import socket
import ssl
import subprocess
import time
import urllib.request

from conftest import ROOT

BIN = ROOT / ".tools" / "bin"
KUBECTL = BIN / "kubectl"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def stop_process(process, grace=3):
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _certificates(directory):
    """A CA, the server's certificate for 127.0.0.1, an admin client (group system:masters), SA keys."""
    run = lambda *a: _openssl(*a, cwd=directory)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", "ca.key", "-out", "ca.crt",
        "-subj", "/CN=zingtickets-test-ca")
    (directory / "server.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name, subject, ext in (("server", "/CN=kube-apiserver", ["-extfile", "server.ext"]),
                               ("admin", "/O=system:masters/CN=admin", [])):
        run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", subject)
        run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "1", "-out", f"{name}.crt", *ext)
    run("genrsa", "-out", "sa.key", "2048")
    run("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub")


class ControlPlane:
    def __init__(self, directory):
        self.directory = pathlib.Path(directory)
        self.processes = []
        self.kubeconfig = self.directory / "kubeconfig"

    def start(self, timeout=180):
        d = self.directory
        for binary in ("etcd", "kube-apiserver", "kubectl"):
            if not (BIN / binary).exists():
                raise RuntimeError(f"{BIN / binary} is missing: run make tools-apiserver")
        _certificates(d)
        client, peer, api = _free_port(), _free_port(), _free_port()
        self._spawn("etcd", [BIN / "etcd", "--name", "test", "--data-dir", d / "etcd",
                             "--listen-client-urls", f"http://127.0.0.1:{client}",
                             "--advertise-client-urls", f"http://127.0.0.1:{client}",
                             "--listen-peer-urls", f"http://127.0.0.1:{peer}",
                             "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer}",
                             "--initial-cluster", f"test=http://127.0.0.1:{peer}", "--log-level", "warn"])
        self._spawn("kube-apiserver", [
            BIN / "kube-apiserver", "--etcd-servers", f"http://127.0.0.1:{client}",
            "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--secure-port", str(api),
            "--tls-cert-file", d / "server.crt", "--tls-private-key-file", d / "server.key",
            "--client-ca-file", d / "ca.crt", "--authorization-mode", "Node,RBAC",
            "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file", d / "sa.pub", "--service-account-signing-key-file", d / "sa.key",
            "--service-cluster-ip-range", "10.96.0.0/16", "--anonymous-auth=false", "--v=0",
            # The `kubernetes` Service's endpoints would name the loopback address, which 1.37 refuses;
            # nothing here connects through that Service.
            "--endpoint-reconciler-type=none"])
        self.url = f"https://127.0.0.1:{api}"
        # The context is the kind cluster's name: the Makefile's commands would address this server too.
        self.kubeconfig.write_text(f"""apiVersion: v1
kind: Config
clusters: [{{name: test, cluster: {{server: "{self.url}", certificate-authority: "{d / 'ca.crt'}"}}}}]
users: [{{name: admin, user: {{client-certificate: "{d / 'admin.crt'}", client-key: "{d / 'admin.key'}"}}}}]
contexts: [{{name: kind-zingtickets, context: {{cluster: test, user: admin}}}}]
current-context: kind-zingtickets
""")
        context = ssl.create_default_context(cafile=str(d / "ca.crt"))
        context.load_cert_chain(str(d / "admin.crt"), str(d / "admin.key"))
        deadline = time.monotonic() + timeout
        while True:
            self.assert_running()
            try:
                with urllib.request.urlopen(self.url + "/readyz", context=context, timeout=5) as response:
                    if response.read() == b"ok":
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"kube-apiserver not ready in {timeout}s:\n"
                                   + (d / "kube-apiserver.log").read_text()[-3000:])
            time.sleep(1)

    def start_nodes(self, nodes=("kwok-node-a", "kwok-node-b")):
        """Adds what makes workloads run, simulated: kube-controller-manager (ReplicaSets, Jobs, PV binding,
        ServiceAccounts), kube-scheduler, and kwok playing the kubelet of fake nodes, so pods become
        Ready and Job pods complete without any container. Images are never pulled, programs never run."""
        d = self.directory
        for binary in ("kube-controller-manager", "kube-scheduler", "kwok"):
            if not (BIN / binary).exists():
                raise RuntimeError(f"{BIN / binary} is missing: run make tools-apiserver")
        self._spawn("kube-controller-manager", [
            BIN / "kube-controller-manager", "--kubeconfig", self.kubeconfig, "--leader-elect=false",
            "--bind-address", "127.0.0.1", "--secure-port", str(_free_port()),
            "--service-account-private-key-file", d / "sa.key", "--root-ca-file", d / "ca.crt",
            "--use-service-account-credentials=false", "--controllers=*,-node-ipam-controller"])
        self._spawn("kube-scheduler", [BIN / "kube-scheduler", "--kubeconfig", self.kubeconfig, "--leader-elect=false",
                                       "--bind-address", "127.0.0.1", "--secure-port", str(_free_port())])
        self._spawn("kwok", [BIN / "kwok", "--kubeconfig", self.kubeconfig, "--config", ROOT / ".tools" / "kwok-stages.yaml",
                             "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                             "--server-address", f"127.0.0.1:{_free_port()}"])
        for index, name in enumerate(nodes):
            node = {"apiVersion": "v1", "kind": "Node",
                    "metadata": {"name": name, "annotations": {"kwok.x-k8s.io/node": "fake"},
                                 "labels": {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
                                            "topology.kubernetes.io/zone": f"zone-{index}", "type": "kwok"}},
                    "status": {"allocatable": {"cpu": "32", "memory": "64Gi", "pods": "110"},
                               "capacity": {"cpu": "32", "memory": "64Gi", "pods": "110"}}}
            self.kubectl("apply", "-f", "-", stdin=json.dumps(node))
        self.kubectl("wait", "--for=condition=Ready", "--timeout=60s", "node", "--all")
        self.assert_running()
        return self

    def assert_running(self):
        for name, process in self.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited:\n{(self.directory / (name + '.log')).read_text()[-3000:]}")

    def _spawn(self, name, command):
        log = open(self.directory / f"{name}.log", "w")
        self.processes.append((name, subprocess.Popen([str(c) for c in command], stdout=log, stderr=subprocess.STDOUT)))

    def stop(self):
        """Ends the server, then etcd. The data is thrown away, so a graceful shutdown (kube-apiserver
        drains for about 10 s) buys nothing: a few seconds' grace, then SIGKILL."""
        for _, process in reversed(self.processes):
            stop_process(process)
        self.processes = []

    def env(self):
        return {**os.environ, "KUBECONFIG": str(self.kubeconfig), "HELM_CACHE_HOME": str(self.directory / "helm-cache"),
                "HELM_CONFIG_HOME": str(self.directory / "helm-config"), "HELM_DATA_HOME": str(self.directory / "helm-data")}

    def run(self, command, stdin=None, check=True):
        """Runs kubectl or helm against this server; the CompletedProcess (text)."""
        result = subprocess.run([str(c) for c in command], input=stdin, capture_output=True, text=True, env=self.env())
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def kubectl(self, *args, stdin=None, check=True):
        return self.run([KUBECTL, "--context", "kind-zingtickets", *args], stdin=stdin, check=check)
