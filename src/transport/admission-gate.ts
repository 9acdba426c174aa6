import { admitConnection, type AdmissionDeps } from '../auth/admission';
import { ANONYMOUS_VIEWER, authenticate, isIntrospectionOnly } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { createContext, type Context, type ContextDeps, type DatabaseUse } from '../context';
import { RateLimiter, sharedBudgetsIn } from '../graphql/rate-limit';
import { isReadOnlyDocument } from '../graphql/read-only-document';
import type { ShutdownDrain } from '../graphql/shutdown-drain';
import type { Language } from '../language/language';

export type AdmissionGateDeps = ContextDeps & AdmissionDeps;

/** What a transport knows of a request before it is admitted. */
export interface Arrival {
  /** The bearer token, if the request carries one. */
  readonly token: string | undefined;
  /** The GraphQL document as sent: without a token, only introspection may pass (where it is on). */
  readonly query: unknown;
  /** The operation to run of the document (several may be sent); decides with it where a query reads. */
  readonly operationName?: unknown;
  /** The client's address: anonymous requests are rate-limited by it. */
  readonly address: string | undefined;
  readonly language: Language;
}

/**
 * The one way in for every transport: refused while the server drains, then authenticate, then
 * rate-limit, then build the context (which checks the token's tenant). Over HTTP a request takes
 * the whole step at once (`request`). A socket authenticates once, at connection_init
 * (`connection`, tenant included, so it is refused exactly when HTTP would refuse its requests),
 * and takes the rest per operation (`operation`, then `contextFor` per use: see Sender in
 * graphql/scoped-execution.ts). File downloads (src/exports/, mounted by src/server.ts) come in the same way.
 */
export class AdmissionGate {
  private readonly rateLimiter: RateLimiter;

  constructor(
    private readonly deps: AdmissionGateDeps,
    private readonly drain: ShutdownDrain,
  ) {
    const { rateLimit } = deps.config;
    // Shared through the primary (the budgets are written): one budget per viewer across the replicas.
    const shared = rateLimit.syncMs > 0 ? { budgets: sharedBudgetsIn(() => deps.orm.em.fork()), everyMs: rateLimit.syncMs } : undefined;
    this.rateLimiter = new RateLimiter(rateLimit, Date.now, shared);
  }

  /** Stops what the gate runs in the background (the rate budgets' exchange). */
  stop(): void {
    this.rateLimiter.stop();
  }

  /** A request over HTTP: its context, or the AppError that refuses it. */
  async request(arrival: Arrival): Promise<Context> {
    this.refuseWhileDraining();
    const { introspection, limits } = this.deps.config.graphql;
    // Without a token only the schema may be read, and only where introspection is on.
    const viewer =
      !arrival.token && introspection && isIntrospectionOnly(arrival.query, limits.maxTokens)
        ? ANONYMOUS_VIEWER
        : await authenticate(this.deps.verifier, arrival.token);
    this.rateLimiter.take(viewer, arrival.address);
    // Only with a read replica is the document looked at here: a query reads there.
    const reads = this.deps.readOrm !== undefined && isReadOnlyDocument(arrival.query, arrival.operationName, limits.maxTokens);
    return this.contextFor(viewer, arrival.language, reads ? 'read' : 'write');
  }

  /** A socket's connection_init: who sends its operations, or the AppError that refuses the socket. */
  connection(token: string | undefined): Promise<Viewer> {
    return admitConnection(this.deps, token);
  }

  /** An operation on an admitted socket: throws the AppError that refuses it (draining, rate limit). */
  operation(viewer: Viewer, address: string | undefined): void {
    this.refuseWhileDraining();
    this.rateLimiter.take(viewer, address);
  }

  /** A context for an admitted viewer; FORBIDDEN when its tenant is no longer active. */
  readonly contextFor = (viewer: Viewer, language: Language, use?: DatabaseUse): Promise<Context> =>
    createContext(this.deps, viewer, language, use);

  private refuseWhileDraining(): void {
    if (this.drain.active) throw this.drain.refusal();
  }
}
