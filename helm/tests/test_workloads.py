"""Ports, probes, policies, images and secrets of the rendered workloads fit together."""
import re

import yaml

from conftest import APP_CHART, ROOT, namespace_of, of_kind

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job")
HEALTH_PATHS = {"startupProbe": "/q/health/started", "livenessProbe": "/q/health/live",
                "readinessProbe": "/q/health/ready"}


def _pod_spec(workload):
    return workload["spec"]["template"]["spec"]


def _pod_labels(workload):
    return workload["spec"]["template"]["metadata"].get("labels", {})


def _container_ports(workload):
    return {p["name"]: p["containerPort"] for c in _pod_spec(workload)["containers"] for p in c.get("ports", [])
            if "name" in p}


def _selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def _workloads(objects):
    return [o for o in objects if o["kind"] in WORKLOAD_KINDS]


def _pods_selected(objects, namespace, selector):
    return [w for w in _workloads(objects) if namespace_of(w) == namespace and _selects(selector, _pod_labels(w))]


def test_app_probes_are_smallrye_health_on_the_management_port(app_objects):
    deployments = of_kind(app_objects, "Deployment")
    assert len(deployments) == 3
    for deployment in deployments:
        ports = _container_ports(deployment)
        assert set(ports) == {"http", "management"}
        container = _pod_spec(deployment)["containers"][0]
        for probe, path in HEALTH_PATHS.items():
            assert container[probe]["httpGet"] == {"path": path, "port": "management"}, \
                f"{deployment['metadata']['name']} {probe}"


def test_every_probe_names_a_port_its_container_exposes(app_objects, platform_default):
    for workload in _workloads(app_objects + platform_default):
        for container in _pod_spec(workload)["containers"]:
            names = {p["name"] for p in container.get("ports", []) if "name" in p}
            numbers = {p["containerPort"] for p in container.get("ports", [])}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                action = container.get(probe, {}).get("httpGet") or container.get(probe, {}).get("tcpSocket")
                if action:
                    port = action["port"]
                    assert port in names or port in numbers, \
                        f"{workload['metadata']['name']}/{container['name']} {probe} uses port {port} it does not expose"


def test_every_service_selects_pods_exposing_its_target_ports(app_objects, platform_default):
    objects = app_objects + platform_default
    for service in of_kind(objects, "Service"):
        pods = _pods_selected(objects, namespace_of(service), service["spec"].get("selector", {}))
        assert pods, f"Service {service['metadata']['name']} selects no pods"
        for pod in pods:
            ports = _container_ports(pod)
            for port in service["spec"]["ports"]:
                target = port.get("targetPort", port["port"])
                assert target in ports or target in ports.values(), \
                    f"Service {service['metadata']['name']} targets {target}, {pod['metadata']['name']} exposes {ports}"


def test_every_network_policy_port_is_a_port_the_selected_pods_expose(app_objects):
    policies = of_kind(app_objects, "NetworkPolicy")
    assert len(policies) == 3
    for policy in policies:
        pods = _pods_selected(app_objects, namespace_of(policy), policy["spec"]["podSelector"]["matchLabels"])
        assert len(pods) == 1, f"NetworkPolicy {policy['metadata']['name']} selects {len(pods)} workloads"
        ports = _container_ports(pods[0])
        for rule in policy["spec"]["ingress"]:
            for port in rule["ports"]:
                assert port["port"] in ports, f"NetworkPolicy {policy['metadata']['name']} opens unknown port {port}"


def test_only_monitoring_reaches_management_and_only_the_ingress_reaches_the_api(app_default):
    for policy in of_kind(app_default, "NetworkPolicy"):
        assert policy["spec"]["policyTypes"] == ["Ingress"]
        sources = {}
        for rule in policy["spec"]["ingress"]:
            for port in rule["ports"]:
                sources.setdefault(port["port"], []).extend(rule["from"])
        assert set(sources) == {"http", "management"}
        monitoring = [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
        if policy["metadata"]["name"] == "payment-service":
            # booking-service's reconciler asks payment-service's internal endpoint (docs/contracts.md).
            booking = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "booking-service",
                                                       "app.kubernetes.io/instance": "zingtickets"}}}
            assert sources["management"] == monitoring + [booking]
        else:
            assert sources["management"] == monitoring
        assert sources["http"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}]


def test_booking_service_reaches_the_payment_service_management_port_it_may_call(app_default):
    deployment = next(d for d in of_kind(app_default, "Deployment") if d["metadata"]["name"] == "booking-service")
    env = {e["name"]: e.get("value") for e in _pod_spec(deployment)["containers"][0]["env"]}
    service = next(s for s in of_kind(app_default, "Service") if s["metadata"]["name"] == "payment-service")
    port = next(p["port"] for p in service["spec"]["ports"] if p["name"] == "management")
    assert env["ZINGTICKETS_RECONCILER_PAYMENT_SERVICE_URL"] == f"http://payment-service:{port}"


def test_the_monitoring_namespace_of_the_network_policy_is_where_prometheus_runs(app_default):
    """k8s/namespaces.yaml and the Makefile put kube-prometheus-stack into `monitoring`."""
    namespaces = [d["metadata"]["name"] for d in yaml.safe_load_all((ROOT / "k8s" / "namespaces.yaml").read_text())]
    assert "monitoring" in namespaces and "ingress-nginx" in namespaces
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"kube-prometheus-stack .*--namespace monitoring", makefile)


def test_app_pods_run_non_root_read_only_without_capabilities(app_objects):
    for deployment in of_kind(app_objects, "Deployment"):
        pod = _pod_spec(deployment)
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert pod["automountServiceAccountToken"] is False
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"] == {"drop": ["ALL"]}
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            volumes = {v["name"]: v for v in pod["volumes"]}
            assert "emptyDir" in volumes[mounts["/tmp"]], "/tmp must be a writable emptyDir"
            assert container["resources"]["requests"] and container["resources"]["limits"]["memory"]


def _images(objects):
    for workload in _workloads(objects):
        for container in _pod_spec(workload)["containers"] + _pod_spec(workload).get("initContainers", []):
            yield workload["metadata"]["name"], container["image"]


PINNED = re.compile(r"^[^@\s]+:(?!latest$)[\w][\w.-]{0,127}(@sha256:[0-9a-f]{64})?$|^[^@\s]+@sha256:[0-9a-f]{64}$")


def _is_pinned(image):
    tag = image.rsplit("/", 1)[-1]
    return bool(PINNED.match(image)) and (":" in tag or "@" in image)


def test_every_image_reference_is_pinned(app_objects, platform_default):
    images = list(_images(app_objects + platform_default))
    assert len(images) > 6
    for owner, image in images:
        assert _is_pinned(image), f"{owner} uses an unpinned image {image}"


def test_the_pinning_check_rejects_latest_and_missing_tags():
    for image in ("zingtickets/booking-service", "postgres:latest", "registry:5000/postgres", "postgres:"):
        assert not _is_pinned(image), image
    for image in ("postgres:17.6", "registry:5000/zingtickets/booking-service:1.0.0-native",
                  "busybox@sha256:" + "a" * 64):
        assert _is_pinned(image), image


def test_the_image_flavor_selects_tag_and_resources():
    from conftest import render_app
    native = of_kind(render_app(), "Deployment")[0]
    jvm = of_kind(render_app(set_values=["image.flavor=jvm"]), "Deployment")[0]
    native_container, jvm_container = _pod_spec(native)["containers"][0], _pod_spec(jvm)["containers"][0]
    assert native_container["image"].endswith("-native") and jvm_container["image"].endswith("-jvm")
    assert jvm_container["resources"] != native_container["resources"]


CREDENTIAL_NAME = re.compile(r"PASSWORD|TOKEN|_KEY$|SALT|SECRET$", re.IGNORECASE)


def test_credentials_reach_the_pods_only_through_secret_references(app_objects, platform_default):
    for workload in _workloads(app_objects + platform_default):
        for container in _pod_spec(workload)["containers"]:
            for env in container.get("env", []):
                if CREDENTIAL_NAME.search(env["name"]):
                    assert "secretKeyRef" in env.get("valueFrom", {}) and "value" not in env, \
                        f"{workload['metadata']['name']}: {env['name']} is not read from a Secret"
    assert not of_kind(app_objects, "Secret"), "the chart references Secrets, it never carries them"


def _credential_values(node, path=""):
    """Paths of credential-named values that are not Secret references (a camelCase `...Key` names a key
    inside a Secret, e.g. passwordKey, and is a reference too)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            key = str(key)
            if CREDENTIAL_NAME.search(key) and not key.endswith("Key"):
                if not isinstance(value, dict) or not set(value) <= {"secretName", "key", "name", "usernameKey",
                                                                    "passwordKey"}:
                    found.append(f"{path}.{key}")
                    continue
            found += _credential_values(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _credential_values(item, f"{path}[{index}]")
    return found


def test_the_values_hold_no_credentials():
    for values in (APP_CHART / "values.yaml", APP_CHART / "ci" / "production-values.yaml"):
        assert _credential_values(yaml.safe_load(values.read_text())) == [], values.name


def test_the_credential_scan_finds_a_planted_password():
    planted = {"postgresql": {"password": "hunter2", "credentialsSecret": {"name": "db", "passwordKey": "password"}},
               "services": {"booking-service": {"env": {"ZINGTICKETS_CARD_TOKEN_KEY": "k"}}}}
    assert _credential_values(planted) == [".postgresql.password",
                                           ".services.booking-service.env.ZINGTICKETS_CARD_TOKEN_KEY"]


def _secret_references(objects):
    return {(namespace_of(w), env["valueFrom"]["secretKeyRef"]["name"], env["valueFrom"]["secretKeyRef"]["key"])
            for w in _workloads(objects) for c in _pod_spec(w)["containers"] for env in c.get("env", [])
            if "secretKeyRef" in env.get("valueFrom", {})}


def _secrets_created_for_kind():
    script = (ROOT / "k8s" / "scripts" / "create-secrets.sh").read_text()
    return {(namespace, name, key)
            for namespace, name, pairs in re.findall(r"^ensure_secret (\S+) (\S+) (.*)$", script, re.MULTILINE)
            for key in re.findall(r'(?:^|\s)"?([\w.-]+)=', pairs)}


def test_every_secret_the_kind_deploy_references_is_created_by_make_deploy(app_default):
    """A pod whose Secret is missing never starts (CreateContainerConfigError): `make deploy` must create each."""
    missing = _secret_references(app_default) - _secrets_created_for_kind()
    assert missing == set(), "referenced by the chart, never created by k8s/scripts/create-secrets.sh"


def test_every_service_gets_the_operator_account_from_a_secret(app_objects):
    for workload in _workloads(app_objects):
        names = {e["name"]: e for c in _pod_spec(workload)["containers"] for e in c.get("env", [])}
        operator = names.get("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPERATOR")
        assert operator and "secretKeyRef" in operator["valueFrom"], workload["metadata"]["name"]


def test_disruption_budgets_and_autoscalers_target_existing_workloads(app_objects):
    deployments = {d["metadata"]["name"]: d for d in of_kind(app_objects, "Deployment")}
    for budget in of_kind(app_objects, "PodDisruptionBudget"):
        selected = _pods_selected(app_objects, namespace_of(budget), budget["spec"]["selector"]["matchLabels"])
        assert len(selected) == 1
        replicas = selected[0]["spec"].get("replicas")
        if replicas is not None:
            assert budget["spec"]["minAvailable"] < replicas, f"{budget['metadata']['name']} blocks every eviction"
    for autoscaler in of_kind(app_objects, "HorizontalPodAutoscaler"):
        target = autoscaler["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments
        assert "replicas" not in deployments[target["name"]]["spec"], "an autoscaled Deployment must not pin replicas"


def test_the_ingress_routes_to_a_service_port_that_exists(app_production):
    services = {s["metadata"]["name"]: s for s in of_kind(app_production, "Service")}
    ingresses = of_kind(app_production, "Ingress")
    assert ingresses
    for ingress in ingresses:
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert backend["name"] in services
                assert backend["port"]["name"] in {p["name"] for p in services[backend["name"]]["spec"]["ports"]}


def test_the_service_image_bases_are_pinned():
    dockerfiles = sorted((ROOT / "k8s" / "images").glob("Dockerfile.*"))
    assert {d.name for d in dockerfiles} == {"Dockerfile.native", "Dockerfile.jvm"}
    for dockerfile in dockerfiles:
        bases = re.findall(r"^FROM\s+(\S+)", dockerfile.read_text(), re.MULTILINE)
        assert bases and all(_is_pinned(b) for b in bases), f"{dockerfile.name}: {bases}"


def test_the_chart_deploys_the_image_tag_the_build_produces():
    """`make images` tags <project version>-<flavor>; the chart's appVersion and image.tag must be that version."""
    pom = (ROOT / "pom.xml").read_text()
    version = re.search(r"<artifactId>zingtickets-parent</artifactId>\s*<version>([^<]+)</version>", pom).group(1)
    chart = yaml.safe_load((APP_CHART / "Chart.yaml").read_text())
    values = yaml.safe_load((APP_CHART / "values.yaml").read_text())
    assert chart["appVersion"] == values["image"]["tag"] == version
    assert "<quarkus.container-image.tag>${project.version}-${zingtickets.image.flavor}</quarkus.container-image.tag>" in pom
    assert "<quarkus.container-image.group>" + values["image"]["repository"] + "</quarkus.container-image.group>" in pom


def test_services_log_to_stdout_only_as_their_file_system_is_read_only(app_objects):
    for deployment in of_kind(app_objects, "Deployment"):
        env = {e["name"]: e.get("value") for e in _pod_spec(deployment)["containers"][0]["env"]}
        assert env.get("QUARKUS_LOG_FILE_ENABLED") == "false", deployment["metadata"]["name"]
