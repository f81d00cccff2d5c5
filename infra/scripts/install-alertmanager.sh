#!/usr/bin/env bash
# Builds Alertmanager and amtool from the Go module proxy into .tools/bin, with Alertmanager's web UI
# (alerts, silences, status with the loaded configuration) embedded. Once per version; idempotent.
#
# Why 0.31.1: it is the newest release whose module carries its web UI already compiled
# (asset/assets_vfsdata.go, the Elm application's script.js). Later releases build the UI at release
# time: the classic UI is Elm, whose compiler fetches its packages from the Elm package server (not
# reachable here), and the new Mantine UI (npm) of 0.35 has only its status and configuration pages
# finished (the alerts and silences pages are placeholders), so a 0.35 built here would show no alerts.
set -euo pipefail
version=0.31.1
build="$(dirname "$0")/build-go-module.sh"
# The version the UI's status page and --version show, as upstream's release build sets it.
ldflags="-X github.com/prometheus/common/version.Version=$version"
"$build" alertmanager github.com/prometheus/alertmanager "v$version" ./cmd/alertmanager -trimpath -ldflags "$ldflags"
"$build" amtool github.com/prometheus/alertmanager "v$version" ./cmd/amtool -trimpath -ldflags "$ldflags"
