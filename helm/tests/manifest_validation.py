"""Offline schema validation of rendered Kubernetes objects, as strict as the API server.

Built-in kinds are checked by kubernetes-validate (the Kubernetes OpenAPI schemas it bundles) in strict
mode: unknown fields are errors, as with `kubectl apply`'s server-side field validation. Custom
resources are checked against the openAPIV3Schema of their own CustomResourceDefinition (installed into
.tools/k8s-crds by infra/scripts/install-k8s-validation.sh), closed the way the API server prunes and
rejects unknown fields: an object schema accepts only the properties it names, unless it says
x-kubernetes-preserve-unknown-fields or declares additionalProperties.
"""
import functools
import pathlib

import jsonschema
import kubernetes_validate
import yaml

from conftest import KUBERNETES_VERSION, ROOT

CRD_DIR = ROOT / ".tools" / "k8s-crds"


class InvalidObject(Exception):
    pass


class _CrdLoader(yaml.SafeLoader):
    """PyYAML reads a bare `=` (an enum value in prometheus-operator's CRDs) as YAML 1.1's value tag."""


_CrdLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))


def _structural_to_json_schema(node):
    """Translates a CRD's structural OpenAPI v3 schema into an equivalent, closed JSON schema."""
    if isinstance(node, list):
        return [_structural_to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    schema = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties"):
            schema[key] = {name: _structural_to_json_schema(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            schema[key] = _structural_to_json_schema(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            schema[key] = [_structural_to_json_schema(sub) for sub in value]
        elif key.startswith("x-kubernetes-") or key in ("description", "nullable", "format", "default", "example"):
            continue
        else:
            schema[key] = value
    if node.get("x-kubernetes-int-or-string"):
        schema.pop("type", None)
        schema["anyOf"] = schema.get("anyOf", []) + [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    closed = (node.get("type") == "object" and "properties" in node
              and "additionalProperties" not in node
              and not node.get("x-kubernetes-preserve-unknown-fields"))
    if closed:
        schema["additionalProperties"] = False
    return schema


@functools.lru_cache(maxsize=None)
def crd_schemas():
    """(apiVersion, kind) -> JSON schema, for every CRD version in .tools/k8s-crds."""
    schemas = {}
    files = sorted(CRD_DIR.glob("*/*.yaml"))
    if not files:
        raise RuntimeError(f"no CRDs in {CRD_DIR}: run infra/scripts/install-k8s-validation.sh")
    for path in files:
        for crd in yaml.load_all(path.read_text(), Loader=_CrdLoader):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if not version.get("served", True):
                    continue
                schema = _structural_to_json_schema(version["schema"]["openAPIV3Schema"])
                schemas[(f"{group}/{version['name']}", kind)] = schema
    return schemas


def validate(obj):
    """Raises InvalidObject naming the object and every violation when obj does not fit its schema."""
    name = f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
    key = (obj.get("apiVersion"), obj.get("kind"))
    if key in crd_schemas():
        validator = jsonschema.Draft7Validator(crd_schemas()[key])
        errors = [f"{'.'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}"
                  for e in validator.iter_errors(obj)]
        # The CRD schema leaves metadata open; check it as the ObjectMeta it is.
        errors += _kubernetes_errors({"apiVersion": "v1", "kind": "ConfigMap", "metadata": obj.get("metadata", {})})
    else:
        errors = _kubernetes_errors(obj)
    if errors:
        raise InvalidObject(f"{name}: " + "; ".join(errors))


def _kubernetes_errors(obj):
    try:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
        return []
    except kubernetes_validate.ValidationError as error:
        path = ".".join(str(p) for p in error.path)
        return [f"{path or '<root>'}: {error.message}"]
    except kubernetes_validate.SchemaNotFoundError as error:
        # Neither a built-in kind nor a CRD we hold: unvalidated objects are not allowed through.
        return [f"{error.message} (a custom resource? add its CRD to install-k8s-validation.sh)"]
