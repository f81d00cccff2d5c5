"""Every rendered object fits its schema, and the validation really rejects what the API server would."""
import copy

import pytest

from conftest import PLATFORM_CHART, PRODUCTION_VALUES, RenderError, of_kind, render, render_app
from manifest_validation import InvalidObject, validate


def _ids(objects):
    return [f"{o['kind']}/{o['metadata']['name']}" for o in objects]


def test_every_app_object_is_valid(app_objects):
    errors = []
    for obj in app_objects:
        try:
            validate(obj)
        except InvalidObject as error:
            errors.append(str(error))
    assert not errors, "\n".join(errors)


def test_every_platform_object_is_valid(platform_default):
    errors = []
    for obj in platform_default:
        try:
            validate(obj)
        except InvalidObject as error:
            errors.append(str(error))
    assert not errors, "\n".join(errors)


def test_the_app_chart_renders_the_kinds_it_promises(app_default, app_production):
    kinds = {o["kind"] for o in app_default}
    assert {"Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor",
            "PrometheusRule", "ConfigMap", "KafkaTopic"} <= kinds
    production_kinds = {o["kind"] for o in app_production}
    assert {"HorizontalPodAutoscaler", "Ingress"} <= production_kinds


def _first(objects, kind):
    return copy.deepcopy(of_kind(objects, kind)[0])


# A misspelled field and a wrong type, in a built-in kind and in each CRD kind: each must be rejected.
def _misspelled_deployment_field(objs):
    obj = _first(objs, "Deployment")
    obj["spec"]["template"]["spec"]["containers"][0]["imagePullPolcy"] = "IfNotPresent"
    return obj


def _deployment_replicas_as_text(objs):
    obj = _first(objs, "Deployment")
    obj["spec"]["replicas"] = "two"
    return obj


def _misspelled_service_monitor_field(objs):
    obj = _first(objs, "ServiceMonitor")
    obj["spec"]["endpoints"][0]["scrapeIntervall"] = "15s"
    return obj


def _service_monitor_endpoints_as_object(objs):
    obj = _first(objs, "ServiceMonitor")
    obj["spec"]["endpoints"] = obj["spec"]["endpoints"][0]
    return obj


def _misspelled_prometheus_rule_field(objs):
    obj = _first(objs, "PrometheusRule")
    obj["spec"]["groups"][0]["rules"][0]["expresion"] = obj["spec"]["groups"][0]["rules"][0].pop("expr")
    return obj


def _prometheus_rule_labels_as_list(objs):
    obj = _first(objs, "PrometheusRule")
    obj["spec"]["groups"][0]["rules"][0]["labels"] = ["severity=critical"]
    return obj


def _misspelled_kafka_topic_field(objs):
    obj = _first(objs, "KafkaTopic")
    obj["spec"]["partition"] = obj["spec"].pop("partitions")
    return obj


def _kafka_topic_partitions_as_text(objs):
    obj = _first(objs, "KafkaTopic")
    obj["spec"]["partitions"] = "three"
    return obj


def _misspelled_custom_resource_metadata(objs):
    obj = _first(objs, "KafkaTopic")
    obj["metadata"]["label"] = {"a": "b"}
    return obj


def _unknown_custom_kind(objs):
    obj = _first(objs, "ServiceMonitor")
    obj["kind"] = "ServiceMonitors"
    return obj


BROKEN = [_misspelled_deployment_field, _deployment_replicas_as_text, _misspelled_service_monitor_field,
          _service_monitor_endpoints_as_object, _misspelled_prometheus_rule_field, _prometheus_rule_labels_as_list,
          _misspelled_kafka_topic_field, _kafka_topic_partitions_as_text, _misspelled_custom_resource_metadata,
          _unknown_custom_kind]


@pytest.mark.parametrize("break_object", BROKEN, ids=[b.__name__.lstrip("_") for b in BROKEN])
def test_a_broken_object_fails_validation(app_default, break_object):
    with pytest.raises(InvalidObject):
        validate(break_object(app_default))


def test_the_unbroken_originals_of_the_broken_objects_pass(app_default):
    for kind in ("Deployment", "ServiceMonitor", "PrometheusRule", "KafkaTopic"):
        validate(_first(app_default, kind))


def _render_platform(set_values):
    return render(PLATFORM_CHART, "zingtickets-platform", "default", set_values=set_values)


BAD_VALUES = [
    (render_app, "services.booking-service.replica=3", "replica"),
    (render_app, "image.tag=latest", "tag"),
    (render_app, "image.flavor=graal", "flavor"),
    (render_app, "defaults.replicas=two", "replicas"),
    (render_app, "services.booking-service.env.QUARKUS_DATASOURCE_PASSWORD=hunter2", "env"),
    (render_app, "services.payment-service.secretEnv.API_KEY.secretName=Not_A_Name", "secretName"),
    (render_app, "monitoring.selectorLabels=null", "selectorLabels"),
    (_render_platform, "kafka.replica=3", "replica"),
    (_render_platform, "postgresql.image=postgres", "image"),
    (_render_platform, "jaeger.image=jaegertracing/jaeger:latest", "image"),
    (_render_platform, "mailpit.image=registry:5000/axllent/mailpit", "image"),
    (_render_platform, "fluentBit.opensearch.port=http", "port"),
]


@pytest.mark.parametrize("chart, assignment, complaint", BAD_VALUES,
                         ids=[f"{'app' if c is render_app else 'platform'}:{a}" for c, a, _ in BAD_VALUES])
def test_values_schemas_reject_bad_values(chart, assignment, complaint):
    with pytest.raises(RenderError) as error:
        chart(set_values=[assignment])
    assert complaint in str(error.value)


def test_values_schema_accepts_the_production_values():
    render_app([PRODUCTION_VALUES])

