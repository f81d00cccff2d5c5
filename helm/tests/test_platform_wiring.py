"""The app chart, the platform chart and the upstream charts' values in k8s/ point at each other correctly:
Kafka topics and cluster, the addresses the services and Grafana use, Alertmanager's routes, the log pipeline."""
import fnmatch
import re
import shutil
import subprocess

import yaml

from conftest import APP_CHART, PLATFORM_CHART, ROOT, load_yaml, namespace_of, of_kind, render

CONTRACTS = ROOT / "docs" / "contracts.md"
UPSTREAM_SERVICES = {
    # Services the upstream charts create with the release names and values used by the Makefile.
    ("opensearch-cluster-master", "logging"): {9200},
    ("opensearch-dashboards", "logging"): {5601},
}


def _contract_topics():
    """The topic table of docs/contracts.md: name -> partitions."""
    topics = {}
    for line in CONTRACTS.read_text().splitlines():
        match = re.match(r"\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|", line)
        if match:
            topics[match.group(1)] = int(match.group(2))
    return topics


def test_every_contract_topic_is_a_kafka_topic_with_its_partitions(app_default):
    contract = _contract_topics()
    assert len(contract) == 6 and any(t.endswith(".dlq") for t in contract)
    rendered = {t["spec"]["topicName"]: t["spec"]["partitions"] for t in of_kind(app_default, "KafkaTopic")}
    assert rendered == contract


def test_the_production_values_keep_the_contract_topic_names(app_production):
    assert {t["spec"]["topicName"] for t in of_kind(app_production, "KafkaTopic")} == set(_contract_topics())


def test_kafka_topics_belong_to_the_platform_kafka_cluster(app_default, platform_default):
    [kafka] = of_kind(platform_default, "Kafka")
    for topic in of_kind(app_default, "KafkaTopic"):
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == kafka["metadata"]["name"]
        assert topic["metadata"]["namespace"] == kafka["metadata"]["namespace"], \
            "the Topic Operator watches the Kafka cluster's namespace only"
    assert kafka["spec"]["kafka"]["config"]["auto.create.topics.enable"] is False
    pools = of_kind(platform_default, "KafkaNodePool")
    assert {"controller", "broker"} <= {role for pool in pools for role in pool["spec"]["roles"]}, "KRaft, no ZooKeeper"
    brokers = sum(pool["spec"]["replicas"] for pool in pools if "broker" in pool["spec"]["roles"])
    for topic in of_kind(app_default, "KafkaTopic"):
        assert topic["spec"]["replicas"] <= brokers, f"{topic['spec']['topicName']} wants more replicas than brokers"


def _services(objects, release_namespace="default"):
    services = {}
    for service in of_kind(objects, "Service"):
        ports = {p["port"] for p in service["spec"]["ports"]}
        services[(service["metadata"]["name"], namespace_of(service, release_namespace))] = ports
    return services


def _strimzi_services(platform):
    services = {}
    for kafka in of_kind(platform, "Kafka"):
        ports = {listener["port"] for listener in kafka["spec"]["kafka"]["listeners"]}
        services[(f"{kafka['metadata']['name']}-kafka-bootstrap", namespace_of(kafka))] = ports
    return services


def _addresses(text):
    """host.namespace.svc.cluster.local:port addresses in a text."""
    return [(m.group(1), m.group(2), int(m.group(3)))
            for m in re.finditer(r"([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)", text)]


def test_every_in_cluster_address_the_values_name_is_a_service_port_that_exists(app_default, platform_default):
    known = {**_services(platform_default), **_strimzi_services(platform_default), **UPSTREAM_SERVICES}
    sources = [APP_CHART / "values.yaml", PLATFORM_CHART / "values.yaml",
               ROOT / "k8s" / "values" / "kube-prometheus-stack.yaml",
               ROOT / "k8s" / "values" / "opensearch-dashboards.yaml"]
    postgres = load_yaml(APP_CHART / "values.yaml")["postgresql"]
    checked = 0
    for source in sources:
        text = source.read_text() + (f"\n{postgres['host']}:{postgres['port']}" if source.name == "values.yaml" else "")
        for name, namespace, port in _addresses(text):
            assert (name, namespace) in known, f"{source.relative_to(ROOT)} names {name}.{namespace}, which nothing creates"
            assert port in known[(name, namespace)], f"{source.relative_to(ROOT)}: {name}.{namespace} has no port {port}"
            checked += 1
    assert checked >= 8


def _alertmanager_routes(config):
    """Routing that must be the same locally and in the cluster (receivers' addresses may differ)."""
    route = dict(config["route"])
    routes = [r for r in route.pop("routes") if r.get("receiver") != "null"]
    return route, routes, config["inhibit_rules"]


def test_alertmanager_in_the_cluster_routes_like_the_local_one(kube_prometheus_stack_values):
    local = load_yaml(ROOT / "monitoring" / "alertmanager" / "alertmanager.yml")
    cluster = kube_prometheus_stack_values["alertmanager"]["config"]
    assert _alertmanager_routes(cluster) == _alertmanager_routes(local)
    local_receivers = {r["name"]: {k for k in r if k != "name"} for r in local["receivers"]}
    cluster_receivers = {r["name"]: {k for k in r if k != "name"} for r in cluster["receivers"] if r["name"] != "null"}
    assert cluster_receivers == local_receivers
    # Same templates: the local ones, mounted from the platform chart's ConfigMap.
    mounted = kube_prometheus_stack_values["alertmanager"]["alertmanagerSpec"]["configMaps"]
    assert all(t.startswith(f"/etc/alertmanager/configmaps/{mounted[0]}/") for t in cluster["templates"])


def test_alertmanager_templates_config_map_holds_the_committed_templates(platform_default):
    [config_map] = [c for c in of_kind(platform_default, "ConfigMap") if c["metadata"]["name"] == "alertmanager-templates"]
    assert config_map["metadata"]["namespace"] == "monitoring"
    committed = {p.name: p.read_text() for p in (ROOT / "monitoring" / "alertmanager" / "templates").glob("*.tmpl")}
    assert config_map["data"] == committed


def _config_map(objects, name):
    [config_map] = [c for c in of_kind(objects, "ConfigMap") if c["metadata"]["name"] == name]
    return config_map


def test_fluent_bit_runs_the_log_pipeline_configuration(platform_default):
    config = _config_map(platform_default, "fluent-bit")
    copies = PLATFORM_CHART / "files" / "logging" / "fluent-bit"
    assert config["data"] == {p.name: p.read_text() for p in copies.iterdir()}
    [daemon_set] = of_kind(platform_default, "DaemonSet")
    container = daemon_set["spec"]["template"]["spec"]["containers"][0]
    config_path = next(a.split("=", 1)[1] for a in container["args"] if a.startswith("--config="))
    mount = next(m for m in container["volumeMounts"] if config_path.startswith(m["mountPath"] + "/"))
    assert config_path.rsplit("/", 1)[1] in config["data"], "Fluent Bit is started with a file the ConfigMap lacks"
    assert {v["name"]: v for v in daemon_set["spec"]["template"]["spec"]["volumes"]}[mount["name"]]["configMap"]["name"] \
        == "fluent-bit"
    # Every ${VARIABLE} the configuration reads is set on the container.
    needed = set(re.findall(r"\$\{([A-Z_]+)\}", "".join(config["data"].values())))
    assert needed <= {e["name"] for e in container["env"]}, needed
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["ZINGTICKETS_NAMESPACE"] == "zingtickets"
    assert (env["OPENSEARCH_HOST"].split(".")[0], env["OPENSEARCH_HOST"].split(".")[1]) in UPSTREAM_SERVICES


def test_the_logging_setup_job_loads_every_log_pipeline_asset(platform_default):
    assets = _config_map(platform_default, "logging-assets")["data"]
    copies = [p for d in ("opensearch", "opensearch-dashboards")
              for p in (PLATFORM_CHART / "files" / "logging" / d).iterdir()]
    for copy in copies:
        assert assets[copy.name] == copy.read_text(), f"{copy.name} differs in the ConfigMap"
        assert copy.name in assets["load.sh"], f"load.sh never loads {copy.name}"
    [job] = [j for j in of_kind(platform_default, "Job") if j["metadata"]["name"] == "logging-setup"]
    assert job["spec"]["template"]["spec"]["volumes"][0]["configMap"]["name"] == "logging-assets"


def test_grafana_datasources_point_at_the_platform(kube_prometheus_stack_values, platform_default):
    urls = {d["type"]: d["url"] for d in kube_prometheus_stack_values["grafana"]["additionalDataSources"]}
    assert "jaeger" in urls
    host, namespace, port = _addresses(urls["jaeger"])[0]
    assert port in _services(platform_default)[(host, namespace)]


def test_the_namespaces_the_charts_use_are_created(app_default, platform_default):
    created = {d["metadata"]["name"] for d in yaml.safe_load_all((ROOT / "k8s" / "namespaces.yaml").read_text())}
    used = {o["metadata"]["namespace"] for o in platform_default + app_default if "namespace" in o["metadata"]}
    assert used <= created, used - created


def test_amtool_accepts_the_cluster_alertmanager_configuration(kube_prometheus_stack_values, tmp_path):
    """The adapted configuration loads in Alertmanager, with the committed templates it names."""
    amtool = ROOT / ".tools" / "bin" / "amtool"
    config = dict(kube_prometheus_stack_values["alertmanager"]["config"])
    # In the cluster the templates are mounted from the platform chart's ConfigMap; here, read the originals.
    config["templates"] = [str(ROOT / "monitoring" / "alertmanager" / "templates" / "*.tmpl")]
    path = tmp_path / "alertmanager.yml"
    path.write_text(yaml.safe_dump(config))
    result = subprocess.run([str(amtool), "check-config", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    templates = len(list((ROOT / "monitoring" / "alertmanager" / "templates").glob("*.tmpl")))
    assert f"- {templates} templates" in result.stdout, result.stdout


def _rendered_notes(tmp_path):
    """NOTES.txt as `helm install` would print it (`helm template` skips it, and a dry-run install needs a
    cluster): rendered from a copy of the chart where the notes become a ConfigMap's data."""
    chart = tmp_path / "chart"
    shutil.copytree(APP_CHART, chart)
    notes = (chart / "templates" / "NOTES.txt").read_text()
    (chart / "templates" / "NOTES.txt").unlink()
    (chart / "templates" / "_notes.tpl").write_text('{{- define "notes.check" -}}\n' + notes + "{{- end -}}\n")
    (chart / "templates" / "notes-check.yaml").write_text(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes-check}\ndata:\n  notes: |\n'
        '{{ include "notes.check" . | indent 4 }}\n')
    [config_map] = render(chart, "zingtickets", "zingtickets", set_values=["monitoring.dashboards.enabled=true"],
                          show_only="templates/notes-check.yaml")
    return config_map["data"]["notes"]


def test_the_notes_port_forward_to_services_and_ports_that_exist(app_default, tmp_path):
    text = _rendered_notes(tmp_path)
    forwards = re.findall(r"kubectl -n (\S+) port-forward svc/(\S+) \d+:(\d+)", text)
    assert len(forwards) >= 6, text
    services = _services(app_default, "zingtickets")
    for namespace, name, port in forwards:
        if namespace == "zingtickets":
            assert int(port) in services[(name, namespace)], f"NOTES forward to {name}:{port}"
    assert "make grafana" in text


def test_the_notes_read_the_operator_password_from_the_secret_the_pods_use(app_default, tmp_path):
    text = _rendered_notes(tmp_path)
    [(namespace, secret, key)] = re.findall(r"kubectl -n (\S+) get secret (\S+) -o jsonpath='\{\.data\.(\S+)\}'", text)
    used = {(e["valueFrom"]["secretKeyRef"]["name"], e["valueFrom"]["secretKeyRef"]["key"])
            for d in of_kind(app_default, "Deployment") for c in d["spec"]["template"]["spec"]["containers"]
            for e in c.get("env", []) if e["name"] == "QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPERATOR"}
    assert namespace == "zingtickets" and used == {(secret, key)}, text


def test_every_make_command_of_the_kubernetes_walkthrough_is_a_target():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deploy to Kubernetes", 1)[1].split("\n## ", 1)[0]
    commands = set(re.findall(r"(?:^|`)make ([a-z][a-z0-9-]*)", section, re.MULTILINE))
    assert {"kind-up", "images", "kind-load", "deploy", "grafana", "kind-down", "test-k8s"} <= commands
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    assert commands <= targets, commands - targets


def _tailed(pattern_list, log_file):
    return any(fnmatch.fnmatch(log_file, p) for patterns in pattern_list for p in patterns.split(","))


def test_fluent_bit_tails_the_log_files_of_every_app_container_and_of_the_alert_webhook(app_default, platform_default):
    """The kubelet writes /var/log/containers/<pod>_<namespace>_<container>-<container id>.log. The chat
    notifications only exist as the alert webhook sink's log lines, in the notifications namespace."""
    [daemon_set] = of_kind(platform_default, "DaemonSet")
    container = daemon_set["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container["env"]}
    config = _config_map(platform_default, "fluent-bit")["data"]
    paths = [re.sub(r"\$\{([A-Z_]+)\}", lambda m: env[m.group(1)], p)
             for text in config.values() for p in re.findall(r"^\s*Path\s+(\S+)", text, re.MULTILINE)]
    assert paths
    for deployment in of_kind(app_default, "Deployment"):
        for app_container in deployment["spec"]["template"]["spec"]["containers"]:
            log_file = (f"/var/log/containers/{deployment['metadata']['name']}-6d4cf56db6-x7k2p_zingtickets_"
                        f"{app_container['name']}-{'0' * 64}.log")
            assert _tailed(paths, log_file), f"Fluent Bit does not tail {log_file}"
    webhook = f"/var/log/containers/alert-webhook-5b9d7c6f4-q8r2t_notifications_alert-webhook-{'0' * 64}.log"
    assert _tailed(paths, webhook), f"Fluent Bit does not tail {webhook}"
    assert not _tailed(paths, webhook.replace("alert-webhook-", "mailpit-")), "only the webhook sink of notifications"
    volume_mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert "/var/log" in volume_mounts


def test_make_grafana_forwards_every_local_port_the_dashboards_and_alerts_link_to():
    """Dashboards link to Jaeger and the log search, alerts to their dashboard, all on localhost."""
    linked = set()
    for path in list((ROOT / "grafana-dashboards").glob("*.json")) + list((ROOT / "monitoring" / "rules").glob("*.yml")):
        linked |= {int(port) for port in re.findall(r"http://localhost:(\d+)", path.read_text())}
    assert {3000, 16686} <= linked
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ngrafana:", 1)[1].split("\n\n", 1)[0]
    forwarded = {int(port) for port in re.findall(r"port-forward \S+ (\d+):\d+", recipe)}
    assert linked <= forwarded, f"links to localhost ports nobody forwards: {linked - forwarded}"
