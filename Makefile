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

.PHONY: help tools tools-jaeger build generate test-rules infra-up infra-down infra-status run test native-sources clean

help: ## List the targets with what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

tools: ## Install pinned local tools into .tools/ (Prometheus, Alertmanager, promtool, wrk); idempotent
	@infra/scripts/install-debian-tools.sh

tools-jaeger: ## Build Jaeger v2 from the Go module proxy into .tools/bin (once, a few minutes)
	@infra/scripts/install-jaeger.sh

build: tools ## Build every module (no tests); fetches Kafka, PostgreSQL and GreenMail into .tools/
	$(MVN) install -DskipTests

infra-up: build ## Start Kafka (9092), PostgreSQL (5432) and SMTP (3025) locally, detached; idempotent
	$(LOCAL_STACK) up

infra-down: ## Stop what infra-up started; idempotent
	@if [ -d infra/target/classes ]; then $(LOCAL_STACK) down; else echo "nothing to stop"; fi

infra-status: ## Show which local components are running
	$(LOCAL_STACK) status

run: build tools-jaeger ## Build, start infrastructure, observability and the three services with traffic; Ctrl-C stops all
	$(LOCAL_STACK) run

test: tools tools-jaeger ## Run every test (starts its own real Kafka, PostgreSQL, SMTP) and the native-build check
	$(MVN) install
	infra/scripts/generated-artifacts.sh check
	$(MAKE) test-rules
	$(MAKE) native-sources

generate: build ## Copy the dashboards and alert rules the build generates into grafana-dashboards/ and monitoring/rules/
	infra/scripts/generated-artifacts.sh sync

PROMTOOL := .tools/debian/usr/bin/promtool
AMTOOL := .tools/debian/usr/bin/amtool

test-rules: tools ## Check and unit-test the alert rules (promtool) and the Prometheus/Alertmanager configuration
	$(PROMTOOL) check rules --lint=all --lint-fatal monitoring/rules/*.rules.yml
	cd monitoring && ../$(PROMTOOL) test rules tests/*.test.yml
	$(PROMTOOL) check config --syntax-only monitoring/prometheus.yml
	$(AMTOOL) check-config monitoring/alertmanager/alertmanager.yml

native-sources: ## Produce the native-image build inputs of the three services (no GraalVM needed)
	$(MVN) package -DskipTests -Dnative -Dquarkus.native.sources-only=true \
		-pl $(subst $(space),$(comma),$(addprefix services/,$(SERVICES)))
	@for s in $(SERVICES); do test -f services/$$s/target/native-sources/native-image.args \
		|| { echo "native sources missing for $$s"; exit 1; }; echo "native sources ok: $$s"; done

clean: infra-down ## Remove build output and local stack data (keeps .tools/)
	$(MVN) -q clean
	rm -rf .run
