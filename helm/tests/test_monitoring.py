"""The silent failures of Prometheus Operator setups cannot happen: a ServiceMonitor selecting nothing,
a PrometheusRule or dashboard nobody picks up, rules that are not the ones promtool tests."""
import json
import re
import subprocess

import yaml

from conftest import APP_CHART, HELM, PLATFORM_CHART, ROOT, namespace_of, of_kind

RULES_DIR = ROOT / "monitoring" / "rules"
INFRASTRUCTURE_RULES_DIR = RULES_DIR / "infrastructure"
DASHBOARDS_DIR = ROOT / "grafana-dashboards"


def _matches(selector, labels):
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items()) and \
        not selector.get("matchExpressions")


def test_every_service_monitor_selects_exactly_one_service_with_the_port_it_scrapes(app_objects):
    monitors = of_kind(app_objects, "ServiceMonitor")
    services = of_kind(app_objects, "Service")
    assert len(monitors) == 3
    for monitor in monitors:
        namespaces = monitor["spec"].get("namespaceSelector", {}).get("matchNames", [namespace_of(monitor)])
        selected = [s for s in services if namespace_of(s) in namespaces
                    and _matches(monitor["spec"]["selector"], s["metadata"].get("labels", {}))]
        assert len(selected) == 1, f"{monitor['metadata']['name']} selects {[s['metadata']['name'] for s in selected]}"
        port_names = {p["name"] for p in selected[0]["spec"]["ports"]}
        for endpoint in monitor["spec"]["endpoints"]:
            assert endpoint["port"] in port_names, f"{monitor['metadata']['name']} scrapes a port its Service lacks"
            assert endpoint["port"] == "management" and endpoint["path"] == "/q/metrics"


def test_every_service_monitor_labels_its_targets_with_the_application_the_rules_select(app_objects):
    """The rules and dashboards select `application="<service>"`; `up` only gets it from the target."""
    relabelled = set()
    for monitor in of_kind(app_objects, "ServiceMonitor"):
        for endpoint in monitor["spec"]["endpoints"]:
            for relabel in endpoint.get("relabelings", []):
                if relabel.get("targetLabel") == "application":
                    relabelled.add(relabel["replacement"])
    selected_by_rules = set()
    for rule_file in RULES_DIR.glob("*.rules.yml"):
        for group in yaml.safe_load(rule_file.read_text())["groups"]:
            for rule in group["rules"]:
                selected_by_rules |= set(re.findall(r'application="([^"]+)"', rule["expr"]))
    assert selected_by_rules, "no application selectors found in the rules"
    assert selected_by_rules <= relabelled, f"rules select applications no target carries: {selected_by_rules - relabelled}"


def _prometheus_spec(kps_values):
    return kps_values["prometheus"]["prometheusSpec"]


def test_service_monitors_and_rules_carry_the_labels_prometheus_selects(app_objects, kube_prometheus_stack_values):
    spec = _prometheus_spec(kube_prometheus_stack_values)
    assert spec["serviceMonitorSelectorNilUsesHelmValues"] is False and spec["ruleSelectorNilUsesHelmValues"] is False
    # {} selects every namespace; anything else would have to list the app's namespace.
    assert spec["serviceMonitorNamespaceSelector"] == {} and spec["ruleNamespaceSelector"] == {}
    for kind, selector in (("ServiceMonitor", spec["serviceMonitorSelector"]), ("PrometheusRule", spec["ruleSelector"])):
        objects = of_kind(app_objects, kind)
        assert objects, f"no {kind} rendered"
        for obj in objects:
            assert _matches(selector, obj["metadata"]["labels"]), \
                f"{kind} {obj['metadata']['name']} lacks {selector} that Prometheus selects by"


def test_prometheus_rules_are_the_rule_files_promtool_tests(app_objects):
    rules = {r["metadata"]["name"]: r for r in of_kind(app_objects, "PrometheusRule")}
    files = sorted(RULES_DIR.glob("*.rules.yml"))
    assert len(rules) == len(files) == 3
    for rule_file in files:
        service = rule_file.name.removesuffix(".rules.yml")
        assert service in rules, f"no PrometheusRule for {rule_file.name}"
        assert rules[service]["spec"] == yaml.safe_load(rule_file.read_text()), \
            f"PrometheusRule {service} differs from {rule_file.relative_to(ROOT)}"


def test_the_chart_embeds_the_rule_files_text_for_text():
    for rule_file in RULES_DIR.glob("*.rules.yml"):
        copy = ROOT / "helm" / "zingtickets" / "files" / "rules" / rule_file.name
        assert copy.read_bytes() == rule_file.read_bytes(), f"{copy.relative_to(ROOT)} drifted"


def _dashboard_config_maps(objects):
    return [c for c in of_kind(objects, "ConfigMap") if any(k.endswith(".json") for k in c.get("data", {}))]


def test_every_dashboard_config_map_carries_the_label_the_grafana_sidecar_collects(app_objects,
                                                                                     kube_prometheus_stack_values):
    sidecar = kube_prometheus_stack_values["grafana"]["sidecar"]["dashboards"]
    assert sidecar["enabled"] is True and sidecar["searchNamespace"] == "ALL"
    config_maps = _dashboard_config_maps(app_objects)
    assert config_maps
    for config_map in config_maps:
        labels = config_map["metadata"]["labels"]
        assert labels.get(sidecar["label"]) == sidecar["labelValue"], \
            f"{config_map['metadata']['name']} is invisible to the sidecar ({sidecar['label']}={sidecar['labelValue']})"
        assert sidecar["folderAnnotation"] in config_map["metadata"].get("annotations", {})


def test_dashboard_config_maps_hold_exactly_the_committed_dashboards(app_objects):
    shipped = {}
    for config_map in _dashboard_config_maps(app_objects):
        assert len(config_map["data"]) == 1, "one dashboard per ConfigMap (each well under the 1 MiB limit)"
        for key, text in config_map["data"].items():
            assert key not in shipped, f"{key} shipped twice"
            shipped[key] = text
    committed = {p.name: p.read_text() for p in DASHBOARDS_DIR.glob("*.json")}
    assert set(shipped) == set(committed)
    for name, text in committed.items():
        assert shipped[name] == text, f"{name} in the chart differs from grafana-dashboards/{name}"
        dashboard = json.loads(shipped[name])
        assert dashboard["uid"] and dashboard["panels"], f"{name} is not a dashboard"


def test_the_grafana_datasource_uid_is_the_one_the_dashboards_default_to(kube_prometheus_stack_values):
    """The dashboards pick Prometheus through a datasource variable; Grafana must have one of that type."""
    datasources = kube_prometheus_stack_values["grafana"]["sidecar"]["datasources"]
    assert datasources["enabled"] and datasources["defaultDatasourceEnabled"]
    for path in DASHBOARDS_DIR.glob("*.json"):
        variables = json.loads(path.read_text())["templating"]["list"]
        assert any(v["type"] == "datasource" and v["query"] == "prometheus" for v in variables), path.name


def test_prometheus_rule_specs_are_the_rule_files_text_for_text():
    """Not only equal after parsing: the rendered spec is the committed file, indented under `spec:`."""
    result = subprocess.run([str(HELM), "template", "zingtickets", str(APP_CHART), "--show-only",
                             "templates/prometheusrule.yaml", "--api-versions=monitoring.coreos.com/v1/PrometheusRule"],
                            capture_output=True, text=True, check=True)
    documents = [d for d in result.stdout.split("\n---\n") if "kind: PrometheusRule" in d]
    assert len(documents) == 3
    for document in documents:
        name = re.search(r"^  name: (\S+)$", document, re.MULTILINE).group(1)
        spec = document.split("\nspec:\n", 1)[1]
        text = "".join(line[2:] + "\n" for line in spec.rstrip("\n").split("\n"))
        assert text == (RULES_DIR / f"{name}.rules.yml").read_text(), f"PrometheusRule {name} is not the file's text"


def _fluent_bit_service_setting(name):
    conf = (PLATFORM_CHART / "files" / "logging" / "fluent-bit" / "fluent-bit.conf").read_text()
    return re.search(rf"^\s*{name}\s+(\S+)", conf, re.MULTILINE | re.IGNORECASE).group(1)


def test_fluent_bit_is_scraped_on_its_http_server_as_the_job_the_log_shipping_rules_select(
        platform_default, kube_prometheus_stack_values):
    [monitor] = [m for m in of_kind(platform_default, "ServiceMonitor") if m["metadata"]["name"] == "fluent-bit"]
    assert _matches(_prometheus_spec(kube_prometheus_stack_values)["serviceMonitorSelector"], monitor["metadata"]["labels"])
    namespaces = monitor["spec"]["namespaceSelector"]["matchNames"]
    [service] = [s for s in of_kind(platform_default, "Service") if namespace_of(s) in namespaces
                 and _matches(monitor["spec"]["selector"], s["metadata"].get("labels", {}))]
    [daemon_set] = of_kind(platform_default, "DaemonSet")
    assert _matches({"matchLabels": service["spec"]["selector"]}, daemon_set["spec"]["template"]["metadata"]["labels"])
    [endpoint] = monitor["spec"]["endpoints"]
    [port] = [p for p in service["spec"]["ports"] if p["name"] == endpoint["port"]]
    container_ports = {p["name"]: p["containerPort"] for p in daemon_set["spec"]["template"]["spec"]["containers"][0]["ports"]}
    assert container_ports[port["targetPort"]] == int(_fluent_bit_service_setting("HTTP_Port"))
    assert _fluent_bit_service_setting("HTTP_Server").lower() == "on"
    assert endpoint["path"] == "/api/v2/metrics/prometheus"
    jobs = {r["replacement"] for r in endpoint["relabelings"] if r.get("targetLabel") == "job"}
    selected = set()
    watching_up = set()
    for rule_file in INFRASTRUCTURE_RULES_DIR.glob("*.rules.yml"):
        for group in yaml.safe_load(rule_file.read_text())["groups"]:
            for rule in group["rules"]:
                # `up` is every shipper's: LogShipperDown must select the job Fluent Bit's targets carry too.
                watches_up = re.search(r"\bup\{", rule["expr"])
                if "fluentbit_" in rule["expr"] or watches_up:
                    selected |= set(re.findall(r'job="([^"]+)"', rule["expr"]))
                if watches_up:
                    watching_up.add(rule["alert"])
    assert watching_up, "no log-shipping rule watches the shipper's scrape (up)"
    assert selected and selected == jobs, f"the Fluent Bit rules select jobs {selected}, its targets carry {jobs}"


def test_the_platform_prometheus_rules_are_the_infrastructure_rule_files(platform_default, kube_prometheus_stack_values):
    rules = {r["metadata"]["name"]: r for r in of_kind(platform_default, "PrometheusRule")}
    files = sorted(INFRASTRUCTURE_RULES_DIR.glob("*.rules.yml"))
    assert files and len(rules) == len(files)
    for rule_file in files:
        rule = rules[rule_file.name.removesuffix(".rules.yml")]
        assert _matches(_prometheus_spec(kube_prometheus_stack_values)["ruleSelector"], rule["metadata"]["labels"])
        assert rule["spec"] == yaml.safe_load(rule_file.read_text()), \
            f"PrometheusRule {rule['metadata']['name']} differs from {rule_file.relative_to(ROOT)}"
