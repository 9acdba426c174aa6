import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { BULLETIN_DOWNLOAD_PATH } from '../../src/exports/bulletin-download.route';
import { PHOTO_FILE_PATH, PHOTO_UPLOAD_PATH } from '../../src/modules/photo/photo-paths';
import { DASHBOARD_PATHS } from '../../src/transport/dashboard';
import { API_GUIDE_PATH, GRAPHQL_PATH } from '../../src/transport/paths';
import { configVariables } from '../support/config-variables';

/**
 * The Helm chart in helm/, checked without a helm binary: Chart.yaml and values.yaml parsed, the
 * templates read as text. Templates always write full `.Values.a.b` paths (no relative `.b` inside
 * `with`/`range`), so every value a template uses can be looked up in values.yaml. When a helm
 * binary is at hand (on PATH or HELM_BIN), the chart is also rendered and the manifests checked.
 */

const ROOT = path.resolve(__dirname, '../..');
const CHART = path.join(ROOT, 'helm');
const TEMPLATES = path.join(CHART, 'templates');
const read = (file: string) => readFileSync(path.join(CHART, file), 'utf8');

type Values = { [key: string]: unknown };
const chart = parse(read('Chart.yaml')) as Record<string, unknown>;
const valuesText = read('values.yaml');
const values = parse(valuesText) as Values;
const templateFiles = readdirSync(TEMPLATES).filter((file) => /\.(ya?ml|tpl|txt)$/.test(file));
const templates = new Map(templateFiles.map((file) => [file, readFileSync(path.join(TEMPLATES, file), 'utf8')]));
const template = (file: string): string => {
  const text = templates.get(file);
  if (text === undefined) throw new Error(`helm/templates has no ${file}`);
  return text;
};

/** The template actions `{{ ... }}` of a text (comments left out), with their string literals blanked. */
function actions(text: string): string[] {
  return [...text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)]
    .map((m) => m[1]!)
    .filter((action) => !action.trim().startsWith('/*'))
    .map((action) => action.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

/** Paths read from the current context (`.x` rather than `.Values.x`) in a template text. */
function relativePaths(text: string): string[] {
  const roots = new Set(['Values', 'Release', 'Chart', 'Capabilities', 'Template', 'Files']);
  const found: string[] = [];
  for (const action of actions(text)) {
    // A dot not preceded by a name, `$`, `)` or `]` starts a path from the current context.
    for (const m of action.matchAll(/(?<![\w$)\]])\.([A-Za-z_]\w*)/g)) if (!roots.has(m[1]!)) found.push(`{{${action.trim()}}}`);
  }
  return found;
}

const KEY_LINE = /^(\s*)([^\s#:-][^:]*):(\s|$)/;

/** Keys of a YAML text (one per line, block style) without a comment line right above them. */
function undocumentedKeys(text: string): string[] {
  const lines = text.split('\n');
  const undocumented: string[] = [];
  lines.forEach((line, index) => {
    const key = KEY_LINE.exec(line);
    if (key && !/^\s*#/.test(lines[index - 1] ?? '')) undocumented.push(`line ${index + 1}: ${key[2]}`);
  });
  return undocumented;
}

function lookup(root: unknown, segments: string[]): boolean {
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !(segment in node)) return false;
    node = (node as Values)[segment];
  }
  return true;
}

/** `define "name"` blocks of _helpers.tpl. */
function helper(name: string): string {
  const match = new RegExp(`\\{\\{-? define "${name}" -?\\}\\}([\\s\\S]*?)\\{\\{-? end \\}\\}`).exec(template('_helpers.tpl'));
  if (!match) throw new Error(`_helpers.tpl defines no ${name}`);
  return match[1]!;
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Every environment variable the chart gives a container: env entries and ConfigMap keys. */
function chartVariables(): string[] {
  const names = new Set<string>();
  for (const text of templates.values()) {
    for (const m of text.matchAll(/^\s*- name: ([A-Z][A-Z0-9_]*)\s*$/gm)) names.add(m[1]!);
  }
  const data = template('configmap.yaml').split(/^data:\s*$/m)[1] ?? '';
  for (const m of data.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)) names.add(m[1]!);
  for (const name of Object.keys(values.config as Values)) names.add(name);
  return [...names].sort();
}

describe('helm/Chart.yaml', () => {
  it('is a v2 application chart named key-projects whose appVersion is the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'key-projects', type: 'application', appVersion: pkg.version });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(chart.description).toEqual(expect.stringMatching(/\S/));
  });
});

describe('helm/values.yaml', () => {
  it('documents every key with a comment line right above it', () => {
    expect(undocumentedKeys('# a\na:\n  b: 1\n  # c\n  c.d/e: "x: y"\n')).toEqual(['line 3: b']);
    expect(undocumentedKeys(valuesText)).toEqual([]);
    // The line check saw every key the parser sees.
    const count = (node: unknown): number =>
      node !== null && typeof node === 'object' && !Array.isArray(node)
        ? Object.values(node).reduce<number>((sum, child) => sum + 1 + count(child), 0)
        : 0;
    expect(valuesText.split('\n').filter((line) => KEY_LINE.test(line))).toHaveLength(count(values));
  });

  it('holds no list of maps (keys in lists could not be documented one by one)', () => {
    expect(valuesText).not.toMatch(/^\s*- \w[\w.-]*:/m);
  });

  it('leaves the database connections (read replica included) and DATABASE_MIGRATE_ON_START out of `config`, and repeats no ConfigMap key', () => {
    const data = template('configmap.yaml').split(/^data:\s*$/m)[1] ?? '';
    const fixed = [...data.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
    for (const name of Object.keys(values.config as Values)) {
      expect(name).toMatch(ENV_NAME);
      expect(['DATABASE_URL', 'DATABASE_READ_URL', 'DATABASE_MIGRATION_URL', 'DATABASE_MIGRATE_ON_START', 'KEYCLOAK_REALM_PUBLIC_KEY', ...fixed]).not.toContain(name);
    }
  });
});

describe('helm/templates', () => {
  it('has the standard set of templates', () => {
    expect(templateFiles.sort()).toEqual(
      [
        'NOTES.txt',
        '_helpers.tpl',
        'configmap.yaml',
        'deployment.yaml',
        'hpa.yaml',
        'ingress.yaml',
        'migration-job.yaml',
        'pdb.yaml',
        'service.yaml',
        'serviceaccount.yaml',
      ].sort(),
    );
  });

  it('uses only values that values.yaml declares', () => {
    const missing: string[] = [];
    for (const [file, text] of templates) {
      for (const action of actions(text)) {
        for (const m of action.matchAll(/\.Values((?:\.[A-Za-z_]\w*)+)/g)) {
          if (!lookup(values, m[1]!.slice(1).split('.'))) missing.push(`${file}: .Values${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('never reads a value through a relative path (inside with/range only `.` itself)', () => {
    expect(relativePaths('{{- with .Values.a }}{{ .b | quote }}{{ toYaml . }}{{ $.Values.c }}{{ "x.y" }}{{ end }}')).toEqual(['{{.b | quote}}']);
    expect([...templates].flatMap(([file, text]) => relativePaths(text).map((found) => `${file}: ${found}`))).toEqual([]);
  });

  it('sets only environment variables that src/config.ts reads', () => {
    const known = configVariables();
    const variables = chartVariables();
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'DATABASE_MIGRATE_ON_START', 'KEYCLOAK_URL', 'NODE_ENV']));
    expect(variables.filter((name) => !known.has(name))).toEqual([]);
  });

  describe('deployment.yaml', () => {
    const deployment = template('deployment.yaml');

    it('sets replicas only without the autoscaler', () => {
      expect(deployment).toMatch(/\{\{- if not \.Values\.autoscaling\.enabled \}\}\s*replicas: \{\{ \.Values\.replicaCount \}\}\s*\{\{- end \}\}/);
      expect(template('hpa.yaml')).toMatch(/^\{\{- if \.Values\.autoscaling\.enabled \}\}\napiVersion: autoscaling\/v2\n/);
    });

    it('probes liveness on /healthz and readiness on /readyz', () => {
      expect(deployment).toMatch(/livenessProbe:\s*httpGet:\s*path: \/healthz\s*port: http/);
      expect(deployment).toMatch(/readinessProbe:\s*httpGet:\s*path: \/readyz\s*port: http/);
      expect(deployment).toMatch(/startupProbe:\s*httpGet:\s*path: \/healthz/);
    });

    it('never migrates: DATABASE_MIGRATE_ON_START is "false" and DATABASE_URL comes from a Secret', () => {
      expect(deployment).toMatch(/- name: DATABASE_MIGRATE_ON_START\s*value: "false"/);
      expect(deployment).toContain('{{- include "key-projects.databaseUrlEnv" . | nindent 12 }}');
      expect(helper('key-projects.databaseUrlEnv')).toMatch(/- name: DATABASE_URL\s*valueFrom:\s*secretKeyRef:/);
      expect(deployment).not.toContain('DATABASE_MIGRATION_URL');
      expect(deployment).toMatch(/envFrom:\s*- configMapRef:/);
    });

    it('runs as non-root with a read-only root file system, no privilege escalation and no capabilities; /tmp is an emptyDir', () => {
      expect(deployment).toContain('{{- include "key-projects.podSecurityContext" . | nindent 8 }}');
      expect(deployment).toContain('{{- include "key-projects.containerSecurityContext" . | nindent 12 }}');
      expect(helper('key-projects.podSecurityContext')).toMatch(/runAsNonRoot: true[\s\S]*runAsUser: \{\{ \.Values\.securityContext\.runAsUser \}\}/);
      const container = helper('key-projects.containerSecurityContext');
      for (const setting of ['runAsNonRoot: true', 'allowPrivilegeEscalation: false', 'readOnlyRootFilesystem: true']) expect(container).toContain(setting);
      expect(container).toMatch(/capabilities:\s*drop:\s*- ALL/);
      expect(values.securityContext).toMatchObject({ runAsUser: 10001 });
      expect(deployment).toMatch(/volumeMounts:\s*- name: tmp\s*mountPath: \/tmp/);
      expect(helper('key-projects.tmpVolume')).toMatch(/- name: tmp\s*emptyDir:/);
    });

    it('waits in preStop before SIGTERM, within terminationGracePeriodSeconds from values', () => {
      expect(deployment).toContain('terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}');
      expect(deployment).toMatch(/preStop:\s*exec:\s*command: \["sleep", "\{\{ \.Values\.preStopSleepSeconds \}\}"\]/);
      expect(values.terminationGracePeriodSeconds as number).toBeGreaterThan((values.preStopSleepSeconds as number) + 10);
    });

    it("fits the server's drain window and shutdown into the grace period after the preStop delay", () => {
      const config = values.config as Record<string, string>;
      const drainMs = Number(config['SHUTDOWN_DRAIN_MS']);
      const shutdownMs = Number(config['SHUTDOWN_TIMEOUT_MS']);
      expect(drainMs).toBeGreaterThan(0);
      expect(drainMs).toBeLessThan(shutdownMs);
      expect((values.preStopSleepSeconds as number) + shutdownMs / 1000).toBeLessThanOrEqual(values.terminationGracePeriodSeconds as number);
    });
  });

  describe('migration-job.yaml', () => {
    const job = template('migration-job.yaml');

    it('is a pre-install and pre-upgrade hook, replaced at the next run', () => {
      expect(job).toContain('helm.sh/hook: pre-install,pre-upgrade');
      expect(job).toContain('helm.sh/hook-delete-policy: before-hook-creation');
      expect(job).toMatch(/kind: Job/);
      expect(job).toMatch(/restartPolicy: Never/);
    });

    it("runs the compiled migrate script with the owner's connection from a Secret", () => {
      expect(job).toContain('command: ["node", "dist/src/scripts/migrate.js"]');
      expect(existsSync(path.join(ROOT, 'src/scripts/migrate.ts'))).toBe(true);
      expect(job).toMatch(/- name: DATABASE_MIGRATION_URL\s*valueFrom:\s*secretKeyRef:/);
      expect(job).toMatch(/- name: NODE_ENV\s*value: "production"/);
    });

    it('has the same security context as the API', () => {
      expect(job).toContain('{{- include "key-projects.podSecurityContext" . | nindent 8 }}');
      expect(job).toContain('{{- include "key-projects.containerSecurityContext" . | nindent 12 }}');
      expect(job).toMatch(/volumeMounts:\s*- name: tmp\s*mountPath: \/tmp/);
    });

    it('needs nothing the release creates (a pre-install hook runs before the ConfigMap and ServiceAccount exist)', () => {
      expect(job).not.toContain('configMapRef');
      expect(job).not.toContain('key-projects.serviceAccountName');
    });

    it('keeps its pod out of the Service: the selector names the api component', () => {
      expect(helper('key-projects.selectorLabels')).toContain('app.kubernetes.io/component: api');
      expect(job).toContain('app.kubernetes.io/component: migration');
      expect(job).not.toContain('key-projects.selectorLabels');
    });
  });

  it('configures ingress-nginx for long-lived WebSockets by default', () => {
    const annotations = (values.ingress as { annotations: Record<string, string> }).annotations;
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(600);
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(600);
    expect(template('ingress.yaml')).toContain('apiVersion: networking.k8s.io/v1');
    expect(template('ingress.yaml')).toContain('range $path := .Values.ingress.prefixPaths');
    expect(template('pdb.yaml')).toContain('apiVersion: policy/v1');
  });
});

describe('the Ingress', () => {
  const { prefixPaths, exactPaths } = values.ingress as { prefixPaths: string[]; exactPaths: string[] };
  /** Whether a request for `url` reaches the server through the Ingress (Kubernetes' Prefix and Exact matching). */
  const reaches = (url: string) =>
    exactPaths.includes(url) || prefixPaths.some((prefix) => url === prefix || url.startsWith(`${prefix.replace(/\/$/, '')}/`));

  it('reaches everything the server serves to people and integrators', () => {
    const served = [
      ...DASHBOARD_PATHS.map((route) => route.replace(/:\w+/g, '371400')),
      '/config.json',
      '/assets/index-3f2a9c.js',
      GRAPHQL_PATH,
      `${GRAPHQL_PATH}/ide/graphiql.min.js`,
      PHOTO_UPLOAD_PATH,
      `${PHOTO_FILE_PATH}/token`,
      `${BULLETIN_DOWNLOAD_PATH}/token`,
      API_GUIDE_PATH,
    ];
    expect(served.filter((url) => !reaches(url))).toEqual([]);
  });

  it('keeps the probes and the metrics inside the cluster', () => {
    expect(['/healthz', '/readyz', '/metrics', '/metrics/'].filter(reaches)).toEqual([]);
  });
});

/** A helm binary, when this machine has one (none is needed for the checks above). */
function helmBinary(): string | undefined {
  const candidates = [process.env.HELM_BIN, ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'helm'))];
  return candidates.find((file): file is string => !!file && existsSync(file));
}

const helm = helmBinary();

(helm ? describe : describe.skip)('helm template (with a helm binary)', () => {
  const render = (...args: string[]) =>
    parseAllDocuments(
      execFileSync(helm!, ['template', 'kp', CHART, '--set', 'keycloak.url=https://sso.example.gov.cn', ...args], { encoding: 'utf8' }),
    )
      .map((doc) => doc.toJS() as { kind: string; spec: any; metadata: any; data?: Record<string, string> })
      .filter(Boolean);

  it('passes helm lint', () => {
    execFileSync(helm!, ['lint', '--strict', CHART, '--set', 'keycloak.url=https://sso.example.gov.cn'], { encoding: 'utf8' });
  });

  it('renders a deployment that never migrates, with the probes and the security context', () => {
    const manifests = render();
    const deployment = manifests.find((m) => m.kind === 'Deployment')!;
    const pod = deployment.spec.template.spec;
    const [api] = pod.containers;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
    expect(api.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(api.livenessProbe.httpGet.path).toBe('/healthz');
    expect(api.readinessProbe.httpGet.path).toBe('/readyz');
    expect(api.env).toContainEqual({ name: 'DATABASE_MIGRATE_ON_START', value: 'false' });
    const known = configVariables();
    const configMap = manifests.find((m) => m.kind === 'ConfigMap')!;
    expect(Object.keys(configMap.data!).filter((name) => !known.has(name))).toEqual([]);
    const job = manifests.find((m) => m.kind === 'Job')!;
    expect(job.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const service = manifests.find((m) => m.kind === 'Service')!;
    expect(job.spec.template.metadata.labels).not.toMatchObject(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
  });

  it('leaves replicas to the autoscaler when it is enabled', () => {
    const manifests = render('--set', 'autoscaling.enabled=true');
    expect(manifests.find((m) => m.kind === 'Deployment')!.spec.replicas).toBeUndefined();
    expect(manifests.find((m) => m.kind === 'HorizontalPodAutoscaler')).toBeDefined();
  });

  it('refuses to render without keycloak.url', () => {
    expect(() => execFileSync(helm!, ['template', 'kp', CHART], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/keycloak\.url is required/);
  });
});
