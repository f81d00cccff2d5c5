"""The Makefile's deploy path: what a laptop with Docker, kubectl, a JDK and Go runs, against kind only."""
import re

from conftest import ROOT

DEPLOY_TARGETS = ("kind-up", "images", "kind-load", "deploy", "grafana", "kind-down")
MAKEFILE = (ROOT / "Makefile").read_text()


def _rules(text=MAKEFILE):
    """{target: (prerequisites, recipe text)} of the Makefile's explicit rules."""
    rules = {}
    for match in re.finditer(r"^([a-z][a-z0-9-]*):(?!=)([^\n#]*)(?:##[^\n]*)?\n((?:\t[^\n]*\n|#[^\n]*\n)*)", text, re.MULTILINE):
        rules[match.group(1)] = (match.group(2).split(), match.group(3))
    return rules


def _variable(name):
    return re.search(rf"^{name} :?= (.*)$", MAKEFILE, re.MULTILINE).group(1)


def _closure(rules, targets):
    seen, todo = set(), list(targets)
    while todo:
        target = todo.pop()
        if target not in seen:
            seen.add(target)
            todo += rules.get(target, ((), ""))[0]
    return seen


def test_the_deploy_path_needs_none_of_the_debian_test_toolchain():
    """`tools` downloads Debian packages with apt-get; `build` depends on it. Neither runs on macOS."""
    rules = _rules()
    assert set(DEPLOY_TARGETS) <= set(rules)
    assert not {"tools", "build"} & _closure(rules, DEPLOY_TARGETS)
    # The check sees the old prerequisites: images depended on build.
    old = dict(rules, images=(["build", "k8s-prerequisites"], rules["images"][1]))
    assert "tools" in _closure(old, DEPLOY_TARGETS)


def _unpinned_calls(recipe):
    calls = [line for line in recipe.splitlines() if re.search(r"\bkubectl\b|\bhelm\b|\$\((KUBECTL|HELM|DEPLOY_HELM)\)", line)
             and not line.strip().startswith("#")]
    return [line.strip() for line in calls
            if re.search(r"(?<![-/$(])\bkubectl\b(?! is needed)|\$\(HELM\)", line) and "command -v" not in line
            and "for tool in" not in line]


def test_every_kubectl_and_helm_call_of_the_deploy_path_names_the_kind_context():
    assert "--context $(KUBE_CONTEXT)" in _variable("KUBECTL")
    assert "--kube-context $(KUBE_CONTEXT)" in _variable("DEPLOY_HELM")
    assert _variable("KUBE_CONTEXT") == "kind-$(KIND_CLUSTER)"
    rules = _rules()
    for target in DEPLOY_TARGETS:
        assert _unpinned_calls(rules[target][1]) == [], target
    assert _unpinned_calls("\tkubectl apply -f k8s/namespaces.yaml\n\t$(HELM) upgrade --install x y\n") != []
    secrets = (ROOT / "k8s" / "scripts" / "create-secrets.sh").read_text()
    assert re.search(r'^kubectl\(\) \{ command kubectl --context "\$\{KUBE_CONTEXT', secrets, re.MULTILINE)
    assert "KUBE_CONTEXT=$(KUBE_CONTEXT) k8s/scripts/create-secrets.sh" in _rules()["deploy"][1]


def test_a_rebuilt_image_gets_a_new_tag_that_kind_load_and_deploy_use():
    """With a fixed tag and IfNotPresent, a rebuilt image never replaces the running pods' one."""
    rules = _rules()
    images, kind_load, deploy = rules["images"][1], rules["kind-load"][1], rules["deploy"][1]
    assert re.search(r"tag=\$\(IMAGE_VERSION\)-\$\$\(date -u \+%Y%m%d%H%M%S\)", images)
    assert "-Dquarkus.container-image.tag=$$tag-$(IMAGE_FLAVOR)" in images
    assert '> $(IMAGE_BUILD_RECORD)' in images
    assert "read tag flavor < $(IMAGE_BUILD_RECORD)" in kind_load and "zingtickets/$$s:$$tag-$$flavor" in kind_load
    assert "read tag flavor < $(IMAGE_BUILD_RECORD)" in deploy and "--set image.tag=$$tag --set image.flavor=$$flavor" in deploy


def test_the_kind_node_image_is_pinned_by_digest():
    """kind rebuilds node images of one Kubernetes tag for each kind release; the digest is what was tested."""
    from conftest import versions
    image = versions()["KIND_NODE_IMAGE"]
    assert re.fullmatch(r"kindest/node:v" + re.escape(versions()["KUBERNETES_VERSION"]) + r"@sha256:[0-9a-f]{64}", image)
