# ZingTickets + ZingMonitor. `make help` lists the targets.
# Everything a target needs is installed by the target itself into git-ignored folders
# (.tools/ for tools, .run/ for data and logs of the local stack).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The build compiles for Java 21; pick a JDK 21+ even where the default java is older.
export JAVA_HOME := $(shell infra/scripts/java-home.sh)
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN := ./mvnw -B -ntp
comma := ,
space := $(subst ,, )
SERVICES := booking-service payment-service email-service
LOCAL_STACK := java -cp "infra/target/classes:infra/target/lib/*" io.zingtickets.infra.stack.LocalStack

.PHONY: help tools tools-browser screenshots tools-jaeger tools-logging build generate test-rules test-dashboards infra-up dev dev-attached dev-service test-dev infra-down infra-status run test native-sources clean

help: ## List the targets with what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

tools: ## Install pinned local tools into .tools/ (Prometheus 3 and Alertmanager with their UIs, promtool and amtool, built once; wrk); idempotent
	@infra/scripts/install-debian-tools.sh
	@infra/scripts/install-prometheus.sh
	@infra/scripts/install-alertmanager.sh

tools-browser: ## Unpack Debian's Chromium and ChromeDriver into .tools/ for the browser test; idempotent
	@infra/scripts/install-chromium.sh

tools-jaeger: ## Build Jaeger v2 from the Go module proxy into .tools/bin (once, a few minutes)
	@infra/scripts/install-jaeger.sh

tools-logging: ## Build the local log shipper (Telegraf, tail -> OpenSearch) from the Go module proxy into .tools/bin (once)
	@infra/scripts/install-telegraf.sh

# A build adds the dashboards and rules it generates to target/zingmonitor/ but never removes one it
# no longer generates: start from an empty folder, so the committed copies are checked against this build.
FORGET_GENERATED := rm -rf $(foreach s,$(SERVICES),services/$(s)/target/zingmonitor)

build: tools ## Build every module (no tests); fetches Kafka, PostgreSQL, GreenMail and Zipkin into .tools/
	$(FORGET_GENERATED)
	$(MVN) install -DskipTests

infra-up: build tools-jaeger ## Start Kafka (9092), PostgreSQL (5432), SMTP (3025), Prometheus (9090), Jaeger (OTLP 4317) and its trace viewer (Zipkin, 9411) locally, detached; idempotent
	$(LOCAL_STACK) up

dev: dev-service infra-up ## Run SERVICE (booking-service, payment-service or email-service) in Quarkus dev mode (live reload) with a JDK 21+
	@$(MAKE) --no-print-directory dev-attached SERVICE=$(SERVICE)

# What `make dev` runs once the infrastructure is up. DEV_DIR (another copy of the service) and DEV_ARGS
# (-D settings, e.g. other ports) are for DevModeTest, which runs this very recipe against its own Kafka
# and PostgreSQL.
dev-attached: dev-service ## Run SERVICE in Quarkus dev mode against infrastructure already up (make infra-up)
	cd $(or $(DEV_DIR),services/$(SERVICE)) && $(CURDIR)/mvnw -ntp quarkus:dev $(DEV_ARGS)

dev-service:
	@case " $(SERVICES) " in *" $(SERVICE) "*) ;; *) echo "usage: make dev SERVICE=<one of: $(SERVICES)>"; exit 2;; esac

infra-down: ## Stop what infra-up started; idempotent
	@if [ -d infra/target/classes ]; then $(LOCAL_STACK) down; else echo "nothing to stop"; fi

infra-status: ## Show which local components are running
	$(LOCAL_STACK) status

run: build tools-jaeger tools-logging ## Build, start infrastructure, observability and the three services with traffic; Ctrl-C stops all
	$(LOCAL_STACK) run

test: tools tools-jaeger tools-logging tools-browser ## Run every test (starts its own real Kafka, PostgreSQL, SMTP, OpenSearch, Jaeger), the native-build check and the chart proofs
	$(FORGET_GENERATED)
	$(MVN) install
	infra/scripts/generated-artifacts.sh check
	$(MAKE) test-rules
	$(MAKE) test-dashboards
	$(MAKE) native-sources
	$(MAKE) test-k8s

generate: build ## Copy the generated dashboards and alert rules into place (and the charts); regenerate docs/configuration.md
	infra/scripts/generated-artifacts.sh sync
	$(MVN) -q -pl observability-extension/deployment test -Dtest=ConfigurationReferenceTest -Dzingmonitor.docs.write=true
	infra/scripts/chart-artifacts.sh sync

screenshots: build tools-browser ## Refresh docs/screenshots/ (the README's pictures) from the browser test
	$(MVN) -pl system-tests test -Dtest=BrowserTest -Dzingtickets.screenshots.write=true

test-dev: build ## Prove the live-reload recipe: `make dev`'s recipe on a copy of booking-service, an edit seen on the next request, the Dev UI card (a few minutes)
	$(MVN) -pl system-tests test -Dtest=DevModeTest -Dzingtickets.dev-mode-test=true

PROMTOOL := .tools/prometheus-3.16.0/promtool
AMTOOL := .tools/bin/amtool

test-rules: tools ## Check and unit-test the alert rules (promtool) and the Prometheus/Alertmanager configuration
	$(PROMTOOL) check rules --lint=all --lint-fatal monitoring/rules/*.rules.yml monitoring/rules/infrastructure/*.rules.yml
	cd monitoring && ../$(PROMTOOL) test rules tests/*.test.yml
	$(PROMTOOL) check config --syntax-only monitoring/prometheus.yml
	$(AMTOOL) check-config monitoring/alertmanager/alertmanager.yml

test-dashboards: ## Type-check every dashboard against Grafana's published dashboard schema (@grafana/schema, npm)
	infra/scripts/check-dashboard-schema.sh

native-sources: ## Produce the native-image build inputs of the three services (no GraalVM needed)
	$(MVN) package -DskipTests -Dnative -Dquarkus.native.sources-only=true \
		-pl $(subst $(space),$(comma),$(addprefix services/,$(SERVICES)))
	@for s in $(SERVICES); do test -f services/$$s/target/native-sources/native-image.args \
		|| { echo "native sources missing for $$s"; exit 1; }; echo "native sources ok: $$s"; done

clean: infra-down ## Remove build output and local stack data (keeps .tools/)
	$(MVN) -q clean
	rm -rf .run

# ---- Kubernetes: the Helm chart, the kind platform, native images (see README "Deploy to Kubernetes") ----
# The deploy path (kind-up, images, kind-load, deploy, grafana, kind-down) needs Docker, kubectl, a JDK 21+
# and Go only: kind and helm are taken from PATH when present, else built into .tools/bin. test-k8s
# also needs the test toolchain `make tools` builds (promtool, amtool) and Python, like the rest of `make test`.
include k8s/versions.env
HELM := .tools/bin/helm
KIND_CLUSTER := zingtickets
# Every kubectl and helm call of the deploy path names the kind cluster's context, whatever is current.
KUBE_CONTEXT := kind-$(KIND_CLUSTER)
KUBECTL := kubectl --context $(KUBE_CONTEXT)
DEPLOY_HELM = $(or $(shell command -v helm 2>/dev/null),$(HELM)) --kube-context $(KUBE_CONTEXT)
KIND = $(or $(shell command -v kind 2>/dev/null),.tools/bin/kind)
# native (default) or jvm: which images `make images` builds and `make deploy` runs.
IMAGE_FLAVOR ?= native
IMAGE_VERSION := $(shell sed -n 's/^appVersion: "\(.*\)"/\1/p' helm/zingtickets/Chart.yaml)
# `make images` tags each build <version>-<UTC build time>-<flavor> and records the tag here; kind-load
# and deploy read it, so a rebuilt image has a new tag and `make deploy` rolls it out.
IMAGE_BUILD_RECORD := .run/k8s-image-build
HELM_WAIT := --wait --timeout 15m

.PHONY: tools-k8s tools-helm tools-kind tools-apiserver test-k8s kind-up images kind-load deploy grafana kind-down k8s-prerequisites

tools-k8s: tools-apiserver ## Install Helm and the tools-apiserver binaries (Go module proxy), kubernetes-validate and the CRD schemas into .tools/; idempotent
	@infra/scripts/install-helm.sh
	@infra/scripts/install-k8s-validation.sh

tools-apiserver: ## Build the control plane (kube-apiserver, controller-manager, scheduler, kubectl, etcd), kwok and the Prometheus Operator into .tools/bin (once)
	@infra/scripts/install-apiserver.sh

tools-helm: ## Helm for the deploy path: the one on PATH, else built into .tools/bin
	@command -v helm >/dev/null || infra/scripts/install-helm.sh

tools-kind: ## kind for the deploy path: the one on PATH, else built into .tools/bin
	@command -v kind >/dev/null || infra/scripts/build-go-module.sh kind sigs.k8s.io/kind $(KIND_VERSION) .

test-k8s: tools tools-k8s ## Chart proofs: lint, render, schema-validate, cross-check wiring, install and upgrade on a real kube-apiserver
	infra/scripts/chart-artifacts.sh check
	$(HELM) lint --strict --kube-version $(KUBERNETES_VERSION) helm/zingtickets
	$(HELM) lint --strict --kube-version $(KUBERNETES_VERSION) helm/zingtickets --values helm/zingtickets/ci/production-values.yaml
	$(HELM) lint --strict --kube-version $(KUBERNETES_VERSION) k8s/platform
	cd helm/tests && ../../.tools/k8s-venv/bin/python -m pytest -q -p no:cacheprovider

k8s-prerequisites:
	@for tool in docker kubectl go; do command -v $$tool >/dev/null || { echo "$$tool is needed for the kind targets (README, Deploy to Kubernetes)"; exit 1; }; done

kind-up: tools-kind k8s-prerequisites ## Create the kind cluster (pinned node image); idempotent
	@$(KIND) version | grep -q "^kind $(KIND_VERSION) " || echo "warning: $$($(KIND) version) is not kind $(KIND_VERSION), the release the node image $(KIND_NODE_IMAGE) is made for"
	@if $(KIND) get clusters | grep -qx $(KIND_CLUSTER); then echo "kind cluster $(KIND_CLUSTER) exists"; \
	else $(KIND) create cluster --config k8s/kind-cluster.yaml --image $(KIND_NODE_IMAGE) --wait 5m; fi

images: k8s-prerequisites ## Build the services' container images (IMAGE_FLAVOR=native|jvm; native compiles in a container)
	$(MVN) install -DskipTests -pl $(subst $(space),$(comma),$(addprefix services/,$(SERVICES))) -am
	@mkdir -p .run
	tag=$(IMAGE_VERSION)-$$(date -u +%Y%m%d%H%M%S); \
	$(MVN) package -DskipTests -Pimages $(if $(filter native,$(IMAGE_FLAVOR)),-Dnative) \
		-Dquarkus.container-image.tag=$$tag-$(IMAGE_FLAVOR) \
		-pl $(subst $(space),$(comma),$(addprefix services/,$(SERVICES))) \
	&& echo "$$tag $(IMAGE_FLAVOR)" > $(IMAGE_BUILD_RECORD)

kind-load: tools-kind ## Load the images `make images` built last into the kind nodes
	@test -f $(IMAGE_BUILD_RECORD) || { echo "no $(IMAGE_BUILD_RECORD): run make images first"; exit 1; }
	@read tag flavor < $(IMAGE_BUILD_RECORD); for s in $(SERVICES); do \
		$(KIND) load docker-image zingtickets/$$s:$$tag-$$flavor --name $(KIND_CLUSTER) || exit 1; done

deploy: tools-helm k8s-prerequisites ## Install the platform (Prometheus stack, Strimzi Kafka, OpenSearch, Jaeger, ...) and the app
	@test -f $(IMAGE_BUILD_RECORD) || { echo "no $(IMAGE_BUILD_RECORD): run make images kind-load first"; exit 1; }
	$(KUBECTL) apply -f k8s/namespaces.yaml
	KUBE_CONTEXT=$(KUBE_CONTEXT) k8s/scripts/create-secrets.sh
	$(DEPLOY_HELM) upgrade --install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator \
		--version $(STRIMZI_VERSION) --namespace kafka --values k8s/values/strimzi.yaml $(HELM_WAIT)
	$(DEPLOY_HELM) upgrade --install opensearch opensearch --repo https://opensearch-project.github.io/helm-charts \
		--version $(OPENSEARCH_CHART_VERSION) --namespace logging --values k8s/values/opensearch.yaml $(HELM_WAIT)
	$(DEPLOY_HELM) upgrade --install opensearch-dashboards opensearch-dashboards --repo https://opensearch-project.github.io/helm-charts \
		--version $(OPENSEARCH_DASHBOARDS_CHART_VERSION) --namespace logging --values k8s/values/opensearch-dashboards.yaml $(HELM_WAIT)
	# The platform's logging-setup hook waits for OpenSearch (above); Alertmanager (below) mounts its templates.
	$(DEPLOY_HELM) upgrade --install zingtickets-platform k8s/platform --namespace default $(HELM_WAIT)
	$(DEPLOY_HELM) upgrade --install kube-prometheus-stack kube-prometheus-stack --namespace monitoring \
		--repo https://prometheus-community.github.io/helm-charts --version $(KUBE_PROMETHEUS_STACK_VERSION) \
		--values k8s/values/kube-prometheus-stack.yaml $(HELM_WAIT)
	$(KUBECTL) -n kafka wait kafka/zingtickets --for=condition=Ready --timeout=10m
	read tag flavor < $(IMAGE_BUILD_RECORD); \
	$(DEPLOY_HELM) upgrade --install zingtickets helm/zingtickets --namespace zingtickets \
		--set image.tag=$$tag --set image.flavor=$$flavor $(HELM_WAIT)

grafana: k8s-prerequisites ## Port-forward Grafana (3000), Jaeger (16686) and log search (5601); print the admin password's location
	@echo "Grafana:  http://localhost:3000  (user admin; password:"
	@echo "  $(KUBECTL) -n monitoring get secret kube-prometheus-stack-grafana -o jsonpath='{.data.admin-password}' | base64 -d)"
	@echo "Jaeger:   http://localhost:16686   Logs: http://localhost:5601   (the dashboards link to both)"
	@echo "Ctrl-C stops the port-forwards."
	@trap 'kill 0' INT TERM EXIT; \
	$(KUBECTL) -n observability port-forward svc/jaeger 16686:16686 >/dev/null & \
	$(KUBECTL) -n logging port-forward svc/opensearch-dashboards 5601:5601 >/dev/null & \
	$(KUBECTL) -n monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80

kind-down: tools-kind ## Delete the kind cluster; idempotent
	@if $(KIND) get clusters | grep -qx $(KIND_CLUSTER); then $(KIND) delete cluster --name $(KIND_CLUSTER); \
	else echo "no kind cluster $(KIND_CLUSTER)"; fi

# ---- Benchmarks (outside `make test`: they measure, they do not pass or fail the build) ----
.PHONY: bench bench-overhead bench-startup bench-e2e bench-hot-row

bench: bench-overhead bench-startup bench-e2e bench-hot-row ## Run every benchmark

bench-overhead: tools ## booking-service with ZingMonitor vs. disabled vs. the OTel Java agent; writes bench/RESULTS.md (~25 min)
	bench/overhead.sh

bench-startup: tools ## booking-service's start-up with ZingMonitor vs. disabled: 10 interleaved starts each, no load, Quarkus's time per step; writes bench/STARTUP.md (~10 min)
	BENCH_LOAD=0 bench/overhead.sh

bench-e2e: tools ## The whole booking pipeline open loop at fixed rates, full telemetry vs. off, gateway 50/500 ms; writes bench/E2E.md (~35 min; BENCH_QUICK=1: a few minutes, harness check)
	bench/e2e.sh

bench-hot-row: tools ## Seat reservations/s on one event row vs. spread over many (real PostgreSQL), and a sell-out that must not oversell; writes bench/HOT-ROW.md (~1 min)
	bench/hot-row.sh

# ---- Game day (issue 17): real faults under load, invariants checked, alerts seen; writes docs/game-day.md ----
.PHONY: game-day
# The healthy baseline's length in seconds: 600 as the issue asks; shorter while developing (GAME_DAY_BASELINE=60).
GAME_DAY_BASELINE ?= 600
# Some faults only, by key (e.g. GAME_DAY_FAULTS=backends,flood; keys in GameDayTest.FAULTS): the report then goes to
# system-tests/target/game-day.md. Empty: all of them, and docs/game-day.md.
GAME_DAY_FAULTS ?=
game-day: build tools ## Healthy baseline (GAME_DAY_BASELINE s, 600), then every fault of issue 17 under booking load; checks nothing is lost or doubled, each fault's alert fires and is routed; writes docs/game-day.md (about 30 minutes)
	$(MVN) -pl system-tests test -Dtest=GameDayTest -Dzingtickets.game-day=true \
		-Dzingtickets.game-day.baseline-seconds=$(GAME_DAY_BASELINE) -Dzingtickets.game-day.faults=$(GAME_DAY_FAULTS) \
		-Dsurefire.failIfNoSpecifiedTests=false
