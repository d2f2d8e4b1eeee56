{{/*
Names, labels and shared fragments. The six applications are rendered by the same templates,
looping over "pilotage.apps"; per-application values live under their camelCase key.
*/}}

{{- define "pilotage.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pilotage.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The applications: values key -> component (and image) name. */}}
{{- define "pilotage.apps" -}}
gateway: gateway
ingestion: ingestion
kpiEngine: kpi-engine
alerting: alerting
governance: governance
console: console
{{- end -}}

{{/* The services that own data ("true"): Kafka, PostgreSQL and a KafkaUser; the gateway and the console have none. */}}
{{- define "pilotage.hasData" -}}
{{- if has .component (list "ingestion" "kpi-engine" "alerting" "governance") -}}true{{- end -}}
{{- end -}}

{{/* The services whose APIs the gateway and the console call: values key -> component. */}}
{{- define "pilotage.apiApps" -}}
ingestion: ingestion
kpiEngine: kpi-engine
alerting: alerting
governance: governance
{{- end -}}

{{/* In-cluster URL of a component's HTTP port, for a dict with root, key (values key) and component. */}}
{{- define "pilotage.serviceUrl" -}}
{{- printf "http://%s:%v" (include "pilotage.componentName" (dict "root" .root "component" .component)) (index .root.Values .key).port -}}
{{- end -}}

{{/* "<fullname>-<component>" for a dict with root and component. */}}
{{- define "pilotage.componentName" -}}
{{- printf "%s-%s" (include "pilotage.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pilotage.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pilotage.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "pilotage.labels" -}}
{{ include "pilotage.selectorLabels" . }}
app.kubernetes.io/part-of: pilotage
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata block: name, labels, annotations of a component's resource. */}}
{{- define "pilotage.metadata" -}}
name: {{ include "pilotage.componentName" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "pilotage.labels" . | nindent 2 }}
{{- with .root.Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "pilotage.image" -}}
{{- $registry := default .root.Values.image.registry .root.Values.global.imageRegistry -}}
{{- $repo := printf "%s/%s/%s" $registry .root.Values.image.repositoryPrefix .component -}}
{{- if .root.Values.image.digest -}}
{{- printf "%s@%s" $repo .root.Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* True ("true") when the API version is served by the cluster or listed in .Values.apiVersions. */}}
{{- define "pilotage.hasApi" -}}
{{- if or (.root.Capabilities.APIVersions.Has .api) (has .api .root.Values.apiVersions) -}}true{{- end -}}
{{- end -}}

{{/* Network peers + ports as a NetworkPolicy egress rule. */}}
{{- define "pilotage.egressRule" -}}
- to:
    {{- toYaml .peers | nindent 4 }}
  ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- end -}}

{{/*
The public URL of the API: publicUrl, else the Ingress (https when it serves TLS), else the
gateway Service inside the cluster. No trailing slash.
*/}}
{{- define "pilotage.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- trimSuffix "/" .Values.publicUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s%s" (ternary "https" "http" .Values.ingress.tls) .Values.ingress.hostname (trimSuffix "/" .Values.ingress.path) -}}
{{- else -}}
{{- printf "http://%s:%v" (include "pilotage.componentName" (dict "root" . "component" "gateway")) .Values.gateway.port -}}
{{- end -}}
{{- end }}
