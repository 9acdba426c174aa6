import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Access } from './auth/access';
import { admittedTenant, type TenantLookup } from './auth/admission';
import type { Viewer } from './auth/viewer';
import type { Config } from './config';
import type { DatabaseScope } from './db/scoped-transaction';
import type { Language } from './language/language';
import type { ChangeRelay } from './realtime/change-relay';

/**
 * The DataLoaders of every module, by module. Empty here: the modules declare their own and add
 * them to this interface (src/modules/loaders.ts), so the kernel names no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Loaders {}

/** Makes a request's loaders: one set per request (or subscription event), never shared. */
export type LoaderFactory = (em: EntityManager, viewer: Viewer) => Loaders;

/** Everything a resolver may use, made anew for each request (or subscription event). */
export interface Context {
  /** A fork of the ORM's EntityManager: its identity map lives and dies with the request. */
  readonly em: EntityManager;
  readonly viewer: Viewer;
  /** The language the client reads (Accept-Language; over graphql-ws, the connection's): messages are shown in it. */
  readonly language: Language;
  /** What the viewer may do (roles x tenant); assignments are looked up through the loaders. */
  readonly access: Access;
  /** What PostgreSQL's row-level security sees for this request. */
  readonly scope: DatabaseScope;
  readonly loaders: Loaders;
  readonly config: Config;
  /** This process's relay of committed changes, for subscriptions. */
  readonly live: ChangeRelay;
  /** Over graphql-ws: bytes the subscriber's socket holds unsent (live streams bound them with their queue). */
  readonly socketBacklog?: () => number;
}

export interface ContextDeps {
  /** The primary: every write, and every read that must see the writes just made. */
  readonly orm: MikroORM;
  /** A read replica (DATABASE_READ_URL), for operations that only read; absent, they use the primary. */
  readonly readOrm?: MikroORM;
  readonly config: Config;
  readonly tenants: TenantLookup;
  readonly live: ChangeRelay;
  readonly loaders: LoaderFactory;
}

/**
 * Which database an operation works on: `read` (a query, a subscription's setup) may go to the read
 * replica when there is one; `write` (mutations, and reads that must see a write already made) goes
 * to the primary.
 */
export type DatabaseUse = 'read' | 'write';

/**
 * Builds a request's context for a verified viewer; FORBIDDEN when its tenant is not active (see
 * admittedTenant). Checked for every operation, so a socket admitted before its tenant was retired
 * is refused from then on.
 */
export async function createContext(deps: ContextDeps, viewer: Viewer, language: Language, use: DatabaseUse = 'write'): Promise<Context> {
  const tenant = await admittedTenant(deps.tenants, viewer);
  const access = new Access(viewer, tenant);
  // The replica has the same roles, policies and functions (it is a copy of the primary), so the
  // scoped transaction and row-level security apply there exactly as on the primary.
  const em = (use === 'read' && deps.readOrm ? deps.readOrm : deps.orm).em.fork();
  return {
    em,
    viewer,
    language,
    access,
    scope: {
      readRoot: access.readRoot,
      subject: viewer.subject,
      actorName: viewer.name,
      tenantCode: tenant?.code,
      statementTimeoutMs: deps.config.graphql.requestTimeoutMs,
    },
    loaders: deps.loaders(em, viewer),
    config: deps.config,
    live: deps.live,
  };
}
