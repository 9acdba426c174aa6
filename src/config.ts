import path from 'node:path';
import { ALL_ROLES, Role } from './auth/roles';

/**
 * The only reader of `process.env`. Every variable is documented in `.env.example` and the README;
 * `loadConfig` reports every problem at once so an operator fixes a deployment in one round.
 */

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface EmbeddedDatabaseConfig {
  /** Data directory of the embedded cluster; survives restarts. */
  readonly dir: string;
  readonly port: number;
}

/** Where tokens come from and how they are checked (keycloak-connect, bearer-only). */
export interface KeycloakConfig {
  /** Base URL of the Keycloak server, e.g. https://sso.example.gov.cn (no /realms/...). */
  readonly url: string | undefined;
  readonly realm: string;
  /** Client id of this API: tokens must name it in `aud`. */
  readonly clientId: string;
  /** PEM or base64 realm public key; when absent the realm's JWKS is fetched. */
  readonly realmPublicKey: string | undefined;
  /** Access-token claim that carries the viewer's division code. */
  readonly tenantClaim: string;
}

export interface Config {
  readonly env: NodeEnv;
  /** Project-local directory for the embedded database and the development realm's key. */
  readonly dataDir: string;
  readonly keycloak: KeycloakConfig;
  /**
   * With no Keycloak configured, a development realm on loopback issues tokens in Keycloak's
   * format; never in production.
   */
  readonly devRealm: { readonly port: number } | undefined;
  readonly http: { readonly host: string; readonly port: number };
  readonly database: {
    /**
     * Set when an external PostgreSQL is used; then no embedded cluster starts. The application
     * connects with it: a role that owns no table, is no superuser and is a member of `kp_app`.
     */
    readonly url: string | undefined;
    /**
     * A read replica of the database (DATABASE_READ_URL, same logins): queries and subscriptions'
     * setup read there; mutations, live events, the change relay, migrations and housekeeping use
     * DATABASE_URL. Unset: everything uses DATABASE_URL.
     */
    readonly readUrl: string | undefined;
    /** Owner connection for migrations; DATABASE_URL when unset. */
    readonly migrationUrl: string | undefined;
    /**
     * Apply pending migrations at start (DATABASE_MIGRATE_ON_START). When false the server never
     * migrates and refuses to start while a migration is pending: several replicas never race to
     * migrate, a separate step (`npm run migrate`, the Helm chart's hook Job) does it once.
     */
    readonly migrateOnStart: boolean;
    readonly embedded: EmbeddedDatabaseConfig | undefined;
    readonly poolMax: number;
  };
  /** Load the deterministic demo city (德州市) when the database holds no tenant yet. */
  readonly loadDemoData: boolean;
  readonly logLevel: LogLevel;
  readonly graphql: {
    readonly introspection: boolean;
    /** Serve GraphiQL, self-hosted (no CDN, no telemetry), to browsers at GET /graphql. */
    readonly ide: boolean;
    readonly maxPageSize: number;
    /** What one document may ask (src/graphql/limits.ts); the same over HTTP and graphql-ws. */
    readonly limits: {
      readonly maxDepth: number;
      readonly maxAliases: number;
      readonly maxDirectives: number;
      readonly maxCost: number;
      readonly maxTokens: number;
    };
    /** Several operations in one HTTP request (an array body); off unless configured. */
    readonly allowBatching: boolean;
    /** No "Did you mean ...?" suggestions in errors: they would reveal a schema kept private. */
    readonly hideSchemaDetails: boolean;
    /** An operation's database work is cancelled after this long (statement_timeout), and its HTTP request too. */
    readonly requestTimeoutMs: number;
    readonly maxBodyBytes: number;
  };
  /**
   * Requests per minute per viewer (token subject), by role: a viewer gets the largest of its
   * roles' budgets. Bursts up to a minute's budget pass.
   */
  readonly rateLimit: {
    readonly perMinute: number;
    readonly perMinuteByRole: Readonly<Record<string, number>>;
    /**
     * How often a replica exchanges what it counted with the budgets all replicas share in
     * PostgreSQL (RATE_LIMIT_SYNC_MS); 0 counts in this replica only (one budget per replica).
     */
    readonly syncMs: number;
  };
  /** On SIGTERM, in-flight requests get this long before the process exits anyway (below the pod's grace period). */
  readonly shutdownTimeoutMs: number;
  /**
   * On SIGTERM, how long the server keeps its listener open answering /readyz and new GraphQL
   * work with 503 before it closes (load balancers stop sending meanwhile); within shutdownTimeoutMs.
   */
  readonly shutdownDrainMs: number;
  /** Live changes over graphql-ws (subscriptions). */
  readonly live: {
    /** Read the outbox this often even without a notification (a missed NOTIFY is caught here). */
    readonly pollMs: number;
    /** Change events are kept this long; a client resuming from an older cursor must reload. */
    readonly retentionHours: number;
    /** Events held for one subscriber that is behind; past it the stream catches up from the outbox instead. */
    readonly queueLimit: number;
    /** Bytes one subscriber may hold (its queued events and what its socket has not sent) before its stream ends. */
    readonly queueLimitBytes: number;
    /** A rollup stream sends at most one update per this interval (bursts coalesce). */
    readonly rollupIntervalMs: number;
    /** A socket that sends no connection_init within this time is closed with 4408. */
    readonly initTimeoutMs: number;
  };
  /** Mutations retried with the same `Idempotency-Key` return the first answer for this long. */
  readonly idempotency: { readonly retentionHours: number };
  /** Site photos (形象进度照片): where their images are kept and how large an upload may be. */
  readonly photos: PhotoConfig;
}

/** Where site photos are stored: a directory (the embedded default, under DATA_DIR) or an S3-compatible bucket. */
export type PhotoStoreConfig =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 's3';
      /** e.g. https://minio.example:9000; absent: AWS's own endpoint for the region. */
      readonly endpoint: string | undefined;
      readonly bucket: string;
      readonly region: string;
      /** Absent: the SDK's default chain (environment, web identity, instance role). */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
      /** MinIO and most self-hosted stores want `endpoint/bucket/key` rather than `bucket.endpoint/key`. */
      readonly forcePathStyle: boolean;
    };

export interface PhotoConfig {
  readonly store: PhotoStoreConfig;
  /** The largest upload accepted, in bytes (413 above it). */
  readonly maxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The variable that sets a role's rate limit: RATE_LIMIT_PER_MINUTE_INTEGRATOR for `integrator`. */
export const rateLimitVariableOf = (role: Role): string => `RATE_LIMIT_PER_MINUTE_${role.toUpperCase().replaceAll('-', '_')}`;

/** Collects problems instead of throwing at the first one. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name]?.trim();
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | undefined {
    const raw = this.env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name, fallback);
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf<NodeEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const isProduction = nodeEnv === 'production';

  const url = read.optional('DATABASE_URL');
  const migrationUrl = read.optional('DATABASE_MIGRATION_URL');
  const readUrl = read.optional('DATABASE_READ_URL');
  for (const [name, value] of [
    ['DATABASE_URL', url],
    ['DATABASE_MIGRATION_URL', migrationUrl],
    ['DATABASE_READ_URL', readUrl],
  ] as const) {
    if (value !== undefined && !/^postgres(ql)?:\/\//.test(value)) {
      read.problems.push(`${name} must be a postgres:// or postgresql:// URL`);
    }
  }
  if (migrationUrl !== undefined && url === undefined) {
    read.problems.push('DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database manages its own roles)');
  }
  if (readUrl !== undefined && url === undefined) {
    read.problems.push('DATABASE_READ_URL needs DATABASE_URL (a replica of the embedded database is not made for you)');
  }
  const keycloakUrl = read.optional('KEYCLOAK_URL');
  if (keycloakUrl !== undefined && !/^https?:\/\/[^/]/.test(keycloakUrl)) {
    read.problems.push('KEYCLOAK_URL must be an http:// or https:// URL of the Keycloak server');
  }
  if (keycloakUrl === undefined && isProduction) {
    read.problems.push(
      'KEYCLOAK_URL is required when NODE_ENV=production (the development realm signs its own tokens and is refused in production)',
    );
  }
  const dataDir = path.resolve(cwd, read.string('DATA_DIR', '.data'));
  if (url === undefined && isProduction) {
    read.problems.push('DATABASE_URL is required when NODE_ENV=production (the embedded PostgreSQL is for development)');
  }
  // Ports above 32767 fall in Linux's ephemeral range, where an outgoing connection may hold them.
  const embeddedPort = read.integer('EMBEDDED_PG_PORT', 15432, 1024, 32767);
  const embeddedDir = path.resolve(cwd, read.string('EMBEDDED_PG_DIR', path.join(dataDir, 'postgres')));
  const devRealmPort = read.integer('DEV_REALM_PORT', 4080, 0, 65535);

  const config: Config = {
    env: nodeEnv,
    dataDir,
    keycloak: {
      url: keycloakUrl?.replace(/\/+$/, ''),
      realm: read.string('KEYCLOAK_REALM', 'key-projects'),
      clientId: read.string('KEYCLOAK_CLIENT_ID', 'key-projects-api'),
      realmPublicKey: read.optional('KEYCLOAK_REALM_PUBLIC_KEY'),
      tenantClaim: read.string('KEYCLOAK_TENANT_CLAIM', 'tenant_code'),
    },
    devRealm: keycloakUrl === undefined && !isProduction ? { port: devRealmPort } : undefined,
    http: {
      host: read.string('HOST', '0.0.0.0'),
      port: read.integer('PORT', 4000, 0, 65535),
    },
    database: {
      url,
      readUrl,
      migrationUrl,
      migrateOnStart: read.boolean('DATABASE_MIGRATE_ON_START', true),
      embedded: url === undefined ? { dir: embeddedDir, port: embeddedPort } : undefined,
      poolMax: read.integer('DB_POOL_MAX', 10, 1, 200),
    },
    loadDemoData: read.boolean('LOAD_DEMO_DATA', !isProduction),
    logLevel: read.oneOf<LogLevel>(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    graphql: {
      introspection: read.boolean('GRAPHQL_INTROSPECTION', !isProduction),
      ide: read.boolean('GRAPHQL_IDE', !isProduction),
      maxPageSize: read.integer('GRAPHQL_MAX_PAGE_SIZE', 200, 1, 1000),
      limits: {
        maxDepth: read.integer('GRAPHQL_MAX_DEPTH', 12, 2, 100),
        maxAliases: read.integer('GRAPHQL_MAX_ALIASES', 30, 0, 1000),
        maxDirectives: read.integer('GRAPHQL_MAX_DIRECTIVES', 50, 0, 1000),
        maxCost: read.integer('GRAPHQL_MAX_COST', 50_000, 10, 10_000_000),
        maxTokens: read.integer('GRAPHQL_MAX_TOKENS', 5000, 100, 1_000_000),
      },
      allowBatching: read.boolean('GRAPHQL_ALLOW_BATCHING', false),
      hideSchemaDetails: read.boolean('GRAPHQL_HIDE_SCHEMA_DETAILS', isProduction),
      requestTimeoutMs: read.integer('GRAPHQL_REQUEST_TIMEOUT_MS', 15_000, 100, 600_000),
      maxBodyBytes: read.integer('HTTP_MAX_BODY_BYTES', 1_000_000, 1000, 100_000_000),
    },
    rateLimit: {
      perMinute: read.integer('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      perMinuteByRole: Object.fromEntries(
        ALL_ROLES.flatMap((role) => {
          const name = rateLimitVariableOf(role);
          const fallback = role === Role.INTEGRATOR ? 300 : undefined;
          const value = read.optional(name) === undefined ? fallback : read.integer(name, fallback ?? 0, 1, 1_000_000);
          return value === undefined ? [] : [[role, value]];
        }),
      ),
      syncMs: read.integer('RATE_LIMIT_SYNC_MS', 200, 0, 60_000),
    },
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 25_000, 1000, 600_000),
    shutdownDrainMs: read.integer('SHUTDOWN_DRAIN_MS', 5000, 0, 600_000),
    live: {
      pollMs: read.integer('LIVE_POLL_MS', 1000, 50, 60_000),
      retentionHours: read.integer('LIVE_RETENTION_HOURS', 72, 1, 24 * 90),
      queueLimit: read.integer('LIVE_QUEUE_LIMIT', 1000, 10, 100_000),
      queueLimitBytes: read.integer('LIVE_QUEUE_LIMIT_BYTES', 8 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
      rollupIntervalMs: read.integer('LIVE_ROLLUP_INTERVAL_MS', 500, 50, 60_000),
      initTimeoutMs: read.integer('WS_INIT_TIMEOUT_MS', 5000, 100, 60_000),
    },
    idempotency: { retentionHours: read.integer('IDEMPOTENCY_RETENTION_HOURS', 24, 1, 24 * 30) },
    photos: {
      store: photoStoreConfig(read, dataDir, cwd),
      maxBytes: read.integer('PHOTO_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    },
  };
  if (config.shutdownDrainMs >= config.shutdownTimeoutMs) {
    read.problems.push('SHUTDOWN_DRAIN_MS must be below SHUTDOWN_TIMEOUT_MS (the drain window is part of the time a shutdown may take)');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return deepFreeze(config);
}

function photoStoreConfig(read: EnvReader, dataDir: string, cwd: string): PhotoStoreConfig {
  const kind = read.oneOf<'local' | 's3'>('PHOTO_STORE', ['local', 's3'], 'local');
  const dir = path.resolve(cwd, read.string('PHOTO_DIR', path.join(dataDir, 'photos')));
  const endpoint = read.optional('PHOTO_S3_ENDPOINT');
  const bucket = read.optional('PHOTO_S3_BUCKET');
  const region = read.string('PHOTO_S3_REGION', 'us-east-1');
  const accessKeyId = read.optional('PHOTO_S3_ACCESS_KEY_ID');
  const secretAccessKey = read.optional('PHOTO_S3_SECRET_ACCESS_KEY');
  const forcePathStyle = read.boolean('PHOTO_S3_FORCE_PATH_STYLE', true);
  if (kind === 'local') return { kind, dir };
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    read.problems.push('PHOTO_S3_ENDPOINT must be an http:// or https:// URL');
  if (bucket === undefined) read.problems.push('PHOTO_S3_BUCKET is required when PHOTO_STORE=s3');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    read.problems.push(
      'PHOTO_S3_ACCESS_KEY_ID and PHOTO_S3_SECRET_ACCESS_KEY are set together (or neither, for the default credential chain)',
    );
  }
  return {
    kind,
    endpoint: endpoint?.replace(/\/+$/, ''),
    bucket: bucket ?? '',
    region,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle,
  };
}

/** Config is shared by every request: nothing may change it after start, at any depth. */
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
