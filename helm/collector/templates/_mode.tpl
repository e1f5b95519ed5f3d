{{/* Whether the chart renders the CronJob (mode: cronjob) rather than the Deployment. */}}
{{- define "collector.cronJob" -}}
{{- if eq .Values.mode "cronjob" }}true{{- end }}
{{- end }}

{{/*
What mode: cronjob refuses, with the value to change. Called from the CronJob.
*/}}
{{- define "collector.validateCronJob" -}}
{{- $url := .Values.database.url | default "" }}
{{- if or (eq $url "") (hasPrefix "jdbc:h2:" $url) }}
{{- fail "mode: cronjob needs an external database (database.url): the embedded H2 lives in the pod and is gone after each run, with the checkpoint and the coverage ledger." }}
{{- end }}
{{- with .Values.pushgateway.url }}
{{- if not (regexMatch "^https?://[^/]+/?$" .) }}
{{- fail (printf "pushgateway.url must be http(s)://host:port, not %q" .) }}
{{- end }}
{{- end }}
{{- end }}
