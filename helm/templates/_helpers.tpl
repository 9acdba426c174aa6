{{/*
Helpers of the key-projects chart. Templates always write full .Values paths (never a relative
.field inside with/range), so tests/helm/chart.test.ts can check each one exists in values.yaml.
*/}}

{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "key-projects.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: <release>-<chart>, or the release name when it holds the chart name. */}}
{{- define "key-projects.fullname" -}}
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

{{- define "key-projects.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource besides its name, instance and component. */}}
{{- define "key-projects.commonLabels" -}}
helm.sh/chart: {{ include "key-projects.chart" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "key-projects.labels" -}}
app.kubernetes.io/name: {{ include "key-projects.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{ include "key-projects.commonLabels" . }}
{{- end }}

{{/*
Selects the API's pods (Deployment, Service, PDB). The component keeps the migration Job's pod out
of the Service.
*/}}
{{- define "key-projects.selectorLabels" -}}
app.kubernetes.io/name: {{ include "key-projects.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: api
{{- end }}

{{- define "key-projects.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "key-projects.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "key-projects.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "key-projects.keycloakUrl" -}}
{{ required "keycloak.url is required: the Keycloak base URL exactly as in the tokens' issuer, e.g. https://sso.example.gov.cn" .Values.keycloak.url }}
{{- end }}

{{/* Pod security context of the API and the migration Job. */}}
{{- define "key-projects.podSecurityContext" -}}
runAsNonRoot: true
{{- if .Values.securityContext.runAsUser }}
runAsUser: {{ .Values.securityContext.runAsUser }}
{{- end }}
{{- if .Values.securityContext.runAsGroup }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
{{- end }}
{{- if .Values.securityContext.fsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container security context of the API and the migration Job: nothing is writable but /tmp. */}}
{{- define "key-projects.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/* The application's connection (DATABASE_URL) from its Secret. */}}
{{- define "key-projects.databaseUrlEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required: the Secret with DATABASE_URL" .Values.database.existingSecret }}
      key: {{ .Values.database.urlKey }}
{{- if .Values.database.readUrlKey }}
- name: DATABASE_READ_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.readUrlKey }}
{{- end }}
{{- end }}

{{/* /tmp: the one writable directory (the root file system is read-only). */}}
{{- define "key-projects.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}
