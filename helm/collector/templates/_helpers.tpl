{{/* Chart name, shortened to the 63 characters a label allows. */}}
{{- define "collector.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's resources. */}}
{{- define "collector.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "collector.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the pods; they never change after install. */}}
{{- define "collector.selectorLabels" -}}
app.kubernetes.io/name: {{ include "collector.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "collector.labels" -}}
helm.sh/chart: {{ include "collector.chart" . }}
{{ include "collector.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: collector
{{- end }}

{{- define "collector.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "collector.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the Secret that holds the API token. */}}
{{- define "collector.apiTokenSecretName" -}}
{{- default (printf "%s-api-token" (include "collector.fullname" .)) .Values.security.existingSecret }}
{{- end }}

{{/* Whether the prometheus-operator CRDs can be used. */}}
{{- define "collector.prometheusOperator" -}}
{{- if or .Values.prometheusOperator.assumeInstalled (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") }}true{{- end }}
{{- end }}

{{/* The job label Prometheus gives the scraped series: the Service's name (prometheus-operator's default). */}}
{{- define "collector.selector" -}}
job="{{ include "collector.fullname" . }}", namespace="{{ .Release.Namespace }}"
{{- end }}

{{/*
Configurations the chart refuses, with the value to change. Called from the Deployment.
*/}}
{{- define "collector.validate" -}}
{{- $url := .Values.database.url | default "" }}
{{- $h2 := or (eq $url "") (hasPrefix "jdbc:h2:" $url) }}
{{- if and $h2 (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) }}
{{- fail "The embedded H2 database serves one replica only: set database.url to an external database (PostgreSQL, MariaDB) or keep replicaCount at 1 and autoscaling.enabled false." }}
{{- end }}
{{- if le (int .Values.shutdown.terminationGracePeriodSeconds) (add .Values.shutdown.preStopSleepSeconds .Values.shutdown.timeoutSeconds | int) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%v) must exceed shutdown.preStopSleepSeconds + shutdown.timeoutSeconds (%v), or Kubernetes kills a run in progress." .Values.shutdown.terminationGracePeriodSeconds (add .Values.shutdown.preStopSleepSeconds .Values.shutdown.timeoutSeconds)) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas." }}
{{- end }}
{{- end }}

{{/* The application.yaml of the ConfigMap: the user's config plus what the chart decides. */}}
{{- define "collector.applicationYaml" -}}
{{- $chart := dict "collector" (dict "schedule" (dict "interval" .Values.collector.scheduleInterval) "metrics" (dict "prefix" .Values.collector.metricsPrefix)) }}
{{- if .Values.collector.name }}
{{- $_ := set $chart.collector "name" .Values.collector.name }}
{{- end }}
{{- if .Values.configReload.watch }}
{{- $_ := set $chart.collector "config" (dict "watch" true) }}
{{- end }}
{{- mustMergeOverwrite $chart (deepCopy .Values.config) | toYaml }}
{{- end }}

{{/* A Spring/Prometheus duration (30s, 15m, 1h, 1d) in seconds, for PromQL arithmetic. */}}
{{- define "collector.seconds" -}}
{{- $d := toString . }}
{{- $units := dict "ms" 0.001 "s" 1 "m" 60 "h" 3600 "d" 86400 }}
{{- $match := regexFind "^[0-9]+(ms|s|m|h|d)$" $d }}
{{- if not $match }}
{{- fail (printf "collector.scheduleInterval must look like 30s, 15m, 1h or 1d, not %q" $d) }}
{{- end }}
{{- $unit := regexFind "(ms|s|m|h|d)$" $d }}
{{- $number := trimSuffix $unit $d | float64 }}
{{- mulf $number (index $units $unit) | int }}
{{- end }}

{{/*
Environment of the trace export (tracing.*): nothing unless tracing.otlpEndpoint is set.
*/}}
{{- define "collector.tracingEnv" -}}
{{- with .Values.tracing.otlpEndpoint }}
- name: MANAGEMENT_OTLP_TRACING_ENDPOINT
  value: {{ . | quote }}
- name: MANAGEMENT_TRACING_SAMPLING_PROBABILITY
  value: {{ $.Values.tracing.samplingProbability | toString | quote }}
{{- end }}
{{- end }}
