import path from 'node:path';
import { type Config, ConfigError, loadConfig } from '../../src/config';

const cwd = path.resolve('/srv/key-projects');
const databaseUrl = 'postgresql://app:secret@db.internal:5432/key_projects';

/** The ConfigError loadConfig throws for `env`; fails the test when it does not throw one. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the development defaults for an empty environment', () => {
    expect(loadConfig({}, cwd)).toEqual<Config>({
      env: 'development',
      dataDir: path.join(cwd, '.data'),
      keycloak: {
        url: undefined,
        realm: 'key-projects',
        clientId: 'key-projects-api',
        realmPublicKey: undefined,
        tenantClaim: 'tenant_code',
      },
      devRealm: { port: 4080 },
      http: { host: '0.0.0.0', port: 4000 },
      database: {
        url: undefined,
        readUrl: undefined,
        migrationUrl: undefined,
        migrateOnStart: true,
        embedded: { dir: path.join(cwd, '.data/postgres'), port: 15432 },
        poolMax: 10,
      },
      loadDemoData: true,
      logLevel: 'info',
      graphql: {
        introspection: true,
        ide: true,
        maxPageSize: 200,
        limits: { maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxCost: 50_000, maxTokens: 5000 },
        allowBatching: false,
        hideSchemaDetails: false,
        requestTimeoutMs: 15_000,
        maxBodyBytes: 1_000_000,
      },
      live: {
        pollMs: 1000,
        retentionHours: 72,
        queueLimit: 1000,
        queueLimitBytes: 8 * 1024 * 1024,
        rollupIntervalMs: 500,
        initTimeoutMs: 5000,
      },
      idempotency: { retentionHours: 24 },
      photos: { store: { kind: 'local', dir: path.join(cwd, '.data', 'photos') }, maxBytes: 10 * 1024 * 1024 },
      rateLimit: { perMinute: 600, perMinuteByRole: { integrator: 300 }, syncMs: 200 },
      shutdownTimeoutMs: 25_000,
      shutdownDrainMs: 5000,
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '  ', NODE_ENV: '', LOG_LEVEL: ' ' }, cwd)).toEqual(loadConfig({}, cwd));
  });

  it('is silent by default under test', () => {
    expect(loadConfig({ NODE_ENV: 'test' }, cwd).logLevel).toBe('silent');
  });

  it('turns off demo data and introspection by default in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, KEYCLOAK_URL: 'https://sso.example.gov.cn' }, cwd);
    expect(config.env).toBe('production');
    expect(config.devRealm).toBeUndefined();
    expect(config.loadDemoData).toBe(false);
    expect(config.graphql.introspection).toBe(false);
    expect(config.graphql.ide).toBe(false);
    expect(config.logLevel).toBe('info');
  });

  it('hides schema details in production unless told otherwise', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, KEYCLOAK_URL: 'https://sso.example.gov.cn' };
    expect(loadConfig(production, cwd).graphql.hideSchemaDetails).toBe(true);
    expect(loadConfig({ ...production, GRAPHQL_HIDE_SCHEMA_DETAILS: 'false' }, cwd).graphql.hideSchemaDetails).toBe(false);
  });

  it('reports a bad rate limit for a role by its variable', () => {
    expect(configError({ RATE_LIMIT_PER_MINUTE_INTEGRATOR: 'lots' }).problems).toEqual([
      'RATE_LIMIT_PER_MINUTE_INTEGRATOR must be a whole number from 1 to 1000000 (got "lots")',
    ]);
  });

  it('lets production opt in to introspection', () => {
    const config = loadConfig(
      { NODE_ENV: 'production', DATABASE_URL: databaseUrl, KEYCLOAK_URL: 'https://sso.example.gov.cn', GRAPHQL_INTROSPECTION: 'true' },
      cwd,
    );
    expect(config.graphql.introspection).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '8080',
        DATABASE_URL: databaseUrl,
        DATABASE_MIGRATION_URL: `${databaseUrl}?owner`,
        DATABASE_READ_URL: `${databaseUrl}?replica`,
        DATABASE_MIGRATE_ON_START: 'false',
        DB_POOL_MAX: '40',
        DATA_DIR: '/var/lib/key-projects',
        KEYCLOAK_URL: 'https://sso.example.gov.cn/',
        KEYCLOAK_REALM: 'dezhou',
        KEYCLOAK_CLIENT_ID: 'kp-api',
        KEYCLOAK_REALM_PUBLIC_KEY: 'MIIBIjAN',
        KEYCLOAK_TENANT_CLAIM: 'division_code',
        LOAD_DEMO_DATA: 'yes',
        LOG_LEVEL: 'debug',
        GRAPHQL_INTROSPECTION: '1',
        GRAPHQL_IDE: 'true',
        GRAPHQL_MAX_PAGE_SIZE: '500',
        LIVE_POLL_MS: '250',
        LIVE_RETENTION_HOURS: '24',
        IDEMPOTENCY_RETENTION_HOURS: '48',
        GRAPHQL_MAX_DEPTH: '8',
        GRAPHQL_MAX_ALIASES: '10',
        GRAPHQL_MAX_DIRECTIVES: '20',
        GRAPHQL_MAX_COST: '9000',
        GRAPHQL_MAX_TOKENS: '2000',
        GRAPHQL_ALLOW_BATCHING: 'true',
        GRAPHQL_HIDE_SCHEMA_DETAILS: 'false',
        GRAPHQL_REQUEST_TIMEOUT_MS: '5000',
        HTTP_MAX_BODY_BYTES: '200000',
        RATE_LIMIT_PER_MINUTE: '100',
        RATE_LIMIT_PER_MINUTE_INTEGRATOR: '1000',
        RATE_LIMIT_PER_MINUTE_CITY_LEADER: '50',
        RATE_LIMIT_SYNC_MS: '500',
        SHUTDOWN_TIMEOUT_MS: '10000',
        SHUTDOWN_DRAIN_MS: '3000',
        LIVE_QUEUE_LIMIT_BYTES: '65536',
        PHOTO_STORE: 's3',
        PHOTO_DIR: '/var/lib/key-projects/unused',
        PHOTO_MAX_BYTES: '5000000',
        PHOTO_S3_ENDPOINT: 'https://minio.example.gov.cn:9000/',
        PHOTO_S3_BUCKET: 'site-photos',
        PHOTO_S3_REGION: 'cn-north-1',
        PHOTO_S3_ACCESS_KEY_ID: 'kp',
        PHOTO_S3_SECRET_ACCESS_KEY: 'secret',
        PHOTO_S3_FORCE_PATH_STYLE: 'false',
      },
      cwd,
    );
    expect(config).toEqual<Config>({
      env: 'production',
      dataDir: '/var/lib/key-projects',
      keycloak: {
        url: 'https://sso.example.gov.cn',
        realm: 'dezhou',
        clientId: 'kp-api',
        realmPublicKey: 'MIIBIjAN',
        tenantClaim: 'division_code',
      },
      devRealm: undefined,
      http: { host: '127.0.0.1', port: 8080 },
      database: {
        url: databaseUrl,
        readUrl: `${databaseUrl}?replica`,
        migrationUrl: `${databaseUrl}?owner`,
        migrateOnStart: false,
        embedded: undefined,
        poolMax: 40,
      },
      loadDemoData: true,
      logLevel: 'debug',
      graphql: {
        introspection: true,
        ide: true,
        maxPageSize: 500,
        limits: { maxDepth: 8, maxAliases: 10, maxDirectives: 20, maxCost: 9000, maxTokens: 2000 },
        allowBatching: true,
        hideSchemaDetails: false,
        requestTimeoutMs: 5000,
        maxBodyBytes: 200_000,
      },
      live: { pollMs: 250, retentionHours: 24, queueLimit: 1000, queueLimitBytes: 65_536, rollupIntervalMs: 500, initTimeoutMs: 5000 },
      idempotency: { retentionHours: 48 },
      photos: {
        store: {
          kind: 's3',
          endpoint: 'https://minio.example.gov.cn:9000',
          bucket: 'site-photos',
          region: 'cn-north-1',
          credentials: { accessKeyId: 'kp', secretAccessKey: 'secret' },
          forcePathStyle: false,
        },
        maxBytes: 5_000_000,
      },
      rateLimit: { perMinute: 100, perMinuteByRole: { integrator: 1000, 'city-leader': 50 }, syncMs: 500 },
      shutdownTimeoutMs: 10_000,
      shutdownDrainMs: 3000,
    });
  });

  it('starts no embedded PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://localhost/kp', EMBEDDED_PG_PORT: '20000' }, cwd);
    expect(config.database.url).toBe('postgres://localhost/kp');
    expect(config.database.embedded).toBeUndefined();
  });

  it('places the embedded cluster where EMBEDDED_PG_DIR and EMBEDDED_PG_PORT say, relative to cwd', () => {
    const config = loadConfig({ EMBEDDED_PG_DIR: 'var/pg', EMBEDDED_PG_PORT: '25432' }, cwd);
    expect(config.database.embedded).toEqual({ dir: path.join(cwd, 'var/pg'), port: 25432 });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads LOAD_DEMO_DATA=%s as %s', (raw, expected) => {
    expect(loadConfig({ LOAD_DEMO_DATA: raw }, cwd).loadDemoData).toBe(expected);
  });

  it('reports every problem at once in one ConfigError', () => {
    const error = configError({ PORT: 'abc', NODE_ENV: 'prod', DB_POOL_MAX: '0' });
    expect(error.problems).toHaveLength(3);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^NODE_ENV must be one of development, test, production \(got "prod"\)$/),
        expect.stringMatching(/^PORT must be a whole number from 0 to 65535 \(got "abc"\)$/),
        expect.stringMatching(/^DB_POOL_MAX must be a whole number from 1 to 200 \(got "0"\)$/),
      ]),
    );
    expect(error.name).toBe('ConfigError');
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it('requires DATABASE_URL and a real Keycloak in production', () => {
    expect(configError({ NODE_ENV: 'production' }).problems).toEqual([
      expect.stringMatching(/^KEYCLOAK_URL is required when NODE_ENV=production/),
      expect.stringMatching(/^DATABASE_URL is required when NODE_ENV=production/),
    ]);
  });

  it('refuses a read replica URL without an application URL, and one that is no postgres URL', () => {
    expect(configError({ DATABASE_READ_URL: databaseUrl }).problems).toEqual([
      expect.stringMatching(/^DATABASE_READ_URL needs DATABASE_URL/),
    ]);
    expect(configError({ DATABASE_URL: databaseUrl, DATABASE_READ_URL: 'mysql://replica' }).problems).toEqual([
      'DATABASE_READ_URL must be a postgres:// or postgresql:// URL',
    ]);
  });

  it('refuses a migration URL without an application URL', () => {
    expect(configError({ DATABASE_MIGRATION_URL: databaseUrl }).problems).toEqual([
      expect.stringMatching(/^DATABASE_MIGRATION_URL needs DATABASE_URL/),
    ]);
  });

  it('refuses an S3 photo store without a bucket, with half its credentials or a bad endpoint', () => {
    expect(configError({ PHOTO_STORE: 's3', PHOTO_S3_ENDPOINT: 'minio:9000', PHOTO_S3_ACCESS_KEY_ID: 'kp' }).problems).toEqual([
      expect.stringMatching(/^PHOTO_S3_ENDPOINT must be an http/),
      expect.stringMatching(/^PHOTO_S3_BUCKET is required/),
      expect.stringMatching(/^PHOTO_S3_ACCESS_KEY_ID and PHOTO_S3_SECRET_ACCESS_KEY are set together/),
    ]);
  });

  it.each([
    ['a non-postgres DATABASE_URL', { DATABASE_URL: 'mysql://localhost/kp' }, /^DATABASE_URL must be a postgres/],
    ['PORT above 65535', { PORT: '65536' }, /^PORT must be a whole number/],
    ['a negative PORT', { PORT: '-1' }, /^PORT must be a whole number/],
    ['a fractional PORT', { PORT: '80.5' }, /^PORT must be a whole number/],
    ['DB_POOL_MAX above 200', { DB_POOL_MAX: '201' }, /^DB_POOL_MAX must be a whole number from 1 to 200/],
    [
      'EMBEDDED_PG_PORT in the ephemeral range',
      { EMBEDDED_PG_PORT: '40000' },
      /^EMBEDDED_PG_PORT must be a whole number from 1024 to 32767/,
    ],
    ['a privileged EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: '80' }, /^EMBEDDED_PG_PORT/],
    ['GRAPHQL_MAX_PAGE_SIZE 0', { GRAPHQL_MAX_PAGE_SIZE: '0' }, /^GRAPHQL_MAX_PAGE_SIZE must be a whole number from 1 to 1000/],
    [
      'an unknown LOG_LEVEL',
      { LOG_LEVEL: 'verbose' },
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
    ],
    ['a LOAD_DEMO_DATA that is not a boolean', { LOAD_DEMO_DATA: 'maybe' }, /^LOAD_DEMO_DATA must be true or false \(got "maybe"\)/],
    ['a GRAPHQL_INTROSPECTION that is not a boolean', { GRAPHQL_INTROSPECTION: 'on' }, /^GRAPHQL_INTROSPECTION must be true or false/],
    [
      'a DATABASE_MIGRATE_ON_START that is not a boolean',
      { DATABASE_MIGRATE_ON_START: 'later' },
      /^DATABASE_MIGRATE_ON_START must be true or false/,
    ],
    ['a drain window as long as the shutdown', { SHUTDOWN_DRAIN_MS: '25000' }, /^SHUTDOWN_DRAIN_MS must be below SHUTDOWN_TIMEOUT_MS/],
    ['a byte bound below 16 KiB', { LIVE_QUEUE_LIMIT_BYTES: '1000' }, /^LIVE_QUEUE_LIMIT_BYTES must be a whole number from 16384/],
  ])('rejects %s', (_, env, problem) => {
    expect(configError(env).problems).toEqual([expect.stringMatching(problem)]);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({}, cwd);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { env: string }).env = 'production';
    }).toThrow(TypeError);
  });

  // Config is shared by every request; nothing may change any part of it after start.
  it('freezes the nested sections too', () => {
    const config = loadConfig({}, cwd);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(Object.isFrozen(config.database.embedded)).toBe(true);
    expect(Object.isFrozen(config.graphql)).toBe(true);
  });
});
