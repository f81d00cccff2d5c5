"""Settings that only misbehave in a running cluster: each test names the failure it prevents."""
import re
import subprocess

import yaml

from conftest import APP_CHART, PLATFORM_CHART, PRODUCTION_VALUES, ROOT, load_yaml, of_kind

AMTOOL = ROOT / ".tools" / "bin" / "amtool"
FLUENT_BIT_CONF = PLATFORM_CHART / "files" / "logging" / "fluent-bit" / "fluent-bit.conf"
UNITS = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "Ki": 1024, "Mi": 1024 ** 2, "Gi": 1024 ** 3}


def _bytes(quantity):
    number, unit = re.fullmatch(r"([0-9]+)([kmg]|[KMG]i)", quantity).groups()
    return int(number) * UNITS[unit]


def _sections(text):
    """[(section name, {key: value})] of a Fluent Bit classic configuration."""
    sections = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            sections.append((line.strip("[]"), {}))
        elif line and not line.startswith("#") and sections:
            key, value = line.split(None, 1)
            sections[-1][1][key.lower()] = value
    return sections


def unbounded_outputs(text):
    """Outputs without storage.total_limit_size while an input buffers on the file system."""
    sections = _sections(text)
    if not any(name == "INPUT" and keys.get("storage.type") == "filesystem" for name, keys in sections):
        return []
    return [keys.get("name") for name, keys in sections if name == "OUTPUT" and "storage.total_limit_size" not in keys]


def test_fluent_bit_bounds_its_filesystem_buffer():
    """The buffer is a hostPath: unbounded, an OpenSearch outage fills the node's disk."""
    assert unbounded_outputs(FLUENT_BIT_CONF.read_text()) == []
    assert unbounded_outputs(re.sub(r".*storage.total_limit_size.*\n", "", FLUENT_BIT_CONF.read_text())) == ["opensearch"]


def test_opensearch_is_named_where_the_chart_reads_the_name_and_serves_where_fluent_bit_ships():
    """The OpenSearch chart passes clusterName as cluster.name, over any opensearch.yml line; clusterName and
    nodeGroup also name the service."""
    values = load_yaml(ROOT / "k8s" / "values" / "opensearch.yaml")
    assert "cluster.name" not in values["config"]["opensearch.yml"], "overridden by the chart's clusterName"
    service = f"{values['clusterName']}-{values['nodeGroup']}"
    platform = load_yaml(PLATFORM_CHART / "values.yaml")
    assert platform["fluentBit"]["opensearch"]["host"].split(".")[0] == service
    assert f"//{service}." in platform["loggingSetup"]["opensearchUrl"]


def _receiver(config_path, *labels):
    result = subprocess.run([str(AMTOOL), "config", "routes", "test", f"--config.file={config_path}", *labels],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_only_warnings_and_worse_reach_people(kube_prometheus_stack_values, tmp_path):
    """kube-prometheus-stack's own rules raise severity=info alerts; the default receiver is the team chat."""
    config = dict(kube_prometheus_stack_values["alertmanager"]["config"])
    config.pop("templates")
    path = tmp_path / "alertmanager.yml"
    path.write_text(yaml.safe_dump(config))
    assert _receiver(path, "severity=info", "alertname=CPUThrottlingHigh") == "null"
    assert _receiver(path, "severity=warning", "alertname=HighErrorRate") == "team-chat"
    assert _receiver(path, "severity=critical", "alertname=ServiceDown") == "on-call"
    # The check sees the old routing: without the info route, info alerts went to the chat.
    config["route"]["routes"] = [r for r in config["route"]["routes"] if r["matchers"] != ['severity="info"']]
    path.write_text(yaml.safe_dump(config))
    assert _receiver(path, "severity=info", "alertname=CPUThrottlingHigh") == "team-chat"


def test_service_monitors_keep_the_application_label_the_metrics_carry(app_objects):
    """Without honorLabels the scraped `application` is renamed exported_application."""
    for monitor in of_kind(app_objects, "ServiceMonitor"):
        for endpoint in monitor["spec"]["endpoints"]:
            assert endpoint.get("honorLabels") is True, monitor["metadata"]["name"]


def _heap_and_limit(deployment):
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    options = container.get("args", []) + [e.get("value", "") for e in container["env"] if e["name"] == "JDK_JAVA_OPTIONS"]
    heaps = [o[len("-Xmx"):] for option in options for o in option.split() if o.startswith("-Xmx")]
    return heaps, _bytes(container["resources"]["limits"]["memory"])


def test_every_service_heap_is_capped_well_below_its_memory_limit():
    """A native executable sizes an uncapped heap from the node's memory: the container is OOM-killed."""
    from conftest import render_app
    for values, flavor in [((), "native"), ((), "jvm"), ((PRODUCTION_VALUES,), "native")]:
        for deployment in of_kind(render_app(values, [f"image.flavor={flavor}"]), "Deployment"):
            heaps, limit = _heap_and_limit(deployment)
            assert len(heaps) == 1, (flavor, deployment["metadata"]["name"], heaps)
            assert _bytes(heaps[0]) <= 0.6 * limit, (flavor, deployment["metadata"]["name"], heaps[0], limit)


def test_production_kafka_clients_speak_tls_to_the_tls_listener(app_production):
    """Strimzi's TLS listener is 9093; a plain client there fails every request."""
    for deployment in of_kind(app_production, "Deployment"):
        env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
        if env["KAFKA_BOOTSTRAP_SERVERS"]["value"].endswith(":9093"):
            assert env["KAFKA_SECURITY_PROTOCOL"]["value"] in ("SSL", "SASL_SSL")
            assert env["KAFKA_SSL_TRUSTSTORE_TYPE"]["value"] == "PEM"
            assert "secretKeyRef" in env["KAFKA_SSL_TRUSTSTORE_CERTIFICATES"]["valueFrom"]


def _spreads_only_replicas_of_one_service(term, pod_labels, other_service_labels):
    """Does an anti-affinity term select this pod's siblings but not another service's pods?"""
    selector = term["labelSelector"]["matchLabels"]
    keys = term.get("matchLabelKeys", [])
    effective = {**selector, **{k: pod_labels[k] for k in keys}}
    selects = lambda labels: all(labels.get(k) == v for k, v in effective.items())
    return selects(pod_labels) and not selects(other_service_labels)


def test_production_anti_affinity_spreads_replicas_of_one_service(app_production):
    deployments = of_kind(app_production, "Deployment")
    labels = {d["metadata"]["name"]: d["spec"]["template"]["metadata"]["labels"] for d in deployments}
    for deployment in deployments:
        name = deployment["metadata"]["name"]
        other = next(l for n, l in labels.items() if n != name)
        terms = deployment["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"][
            "preferredDuringSchedulingIgnoredDuringExecution"]
        assert terms and all(_spreads_only_replicas_of_one_service(t["podAffinityTerm"], labels[name], other)
                             for t in terms), name
    old = {"labelSelector": {"matchLabels": {"app.kubernetes.io/part-of": "zingtickets"}}}
    some = next(iter(labels.values()))
    assert not _spreads_only_replicas_of_one_service(old, some, next(l for l in labels.values() if l is not some))
