{{- define "platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: zingtickets-platform
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Restricted-profile container security for the platform's own stateless components. */}}
{{- define "platform.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
{{- end -}}

{{/* Fails the render when a synced asset is missing (run infra/scripts/chart-artifacts.sh sync). */}}
{{- define "platform.requireFiles" -}}
{{- if not (.root.Files.Glob .pattern) -}}
{{- fail (printf "no %s in the chart: run infra/scripts/chart-artifacts.sh sync" .pattern) -}}
{{- end -}}
{{- end -}}
