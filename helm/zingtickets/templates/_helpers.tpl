{{/* Chart name and version as used by the helm.sh/chart label. */}}
{{- define "zingtickets.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object carries (the Kubernetes recommended set), but the instance. */}}
{{- define "zingtickets.commonLabels" -}}
helm.sh/chart: {{ include "zingtickets.chart" . }}
app.kubernetes.io/part-of: zingtickets
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Labels of the objects that belong to no single service. */}}
{{- define "zingtickets.labels" -}}
{{ include "zingtickets.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one service: (dict "root" $ "name" "booking-service"). */}}
{{- define "zingtickets.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels of one service's objects. */}}
{{- define "zingtickets.serviceLabels" -}}
{{ include "zingtickets.commonLabels" .root }}
{{ include "zingtickets.selectorLabels" . }}
app.kubernetes.io/component: {{ .name | trimSuffix "-service" }}
{{- end -}}

{{/* Object name of one service: its own name for the release named after the chart, else prefixed by the release. */}}
{{- define "zingtickets.fullname" -}}
{{- if eq .root.Release.Name .root.Chart.Name -}}
{{- .name -}}
{{- else -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* One service's settings: the defaults overridden by its own entry. */}}
{{- define "zingtickets.serviceValues" -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .config) -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* Image reference of one service; fails the render on an unpinned tag. */}}
{{- define "zingtickets.image" -}}
{{- $image := .root.Values.image -}}
{{- if or (not $image.tag) (eq (toString $image.tag) "latest") -}}
{{- fail "image.tag must pin a version (not empty, not latest)" -}}
{{- end -}}
{{- $prefix := $image.repository -}}
{{- if $image.registry -}}{{- $prefix = printf "%s/%s" (trimSuffix "/" $image.registry) $image.repository -}}{{- end -}}
{{- printf "%s/%s:%s-%s" $prefix .name (toString $image.tag) $image.flavor -}}
{{- end -}}

{{/* Labels the Prometheus Operator selects monitoring objects by. */}}
{{- define "zingtickets.monitoringLabels" -}}
{{- toYaml .Values.monitoring.selectorLabels -}}
{{- end -}}
