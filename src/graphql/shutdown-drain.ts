import { unavailable, type AppError } from '../errors/app-error';

/**
 * Another replica can answer at once; the load balancer only needs a moment to stop sending here
 * once /readyz fails, so a client retrying after this long lands elsewhere.
 */
const RETRY_AFTER_SECONDS = 1;

/**
 * The first step of a shutdown (SIGTERM): for a window the listener stays open, /readyz answers
 * 503 and new GraphQL work (HTTP requests, WebSocket connections, graphql-ws operations) is refused
 * with 503 and SERVICE_UNAVAILABLE, while work already accepted goes on. Load balancers and
 * Kubernetes see the replica leave through its readiness, never through refused connections.
 */
export class ShutdownDrain {
  private started = false;

  /** Whether the shutdown has begun: nothing new is taken any more. */
  get active(): boolean {
    return this.started;
  }

  /** Begins the drain; resolves once `ms` have passed (at once for 0). */
  async run(ms: number): Promise<void> {
    this.started = true;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** What new work is answered while draining (HTTP 503 with Retry-After; the same code over graphql-ws). */
  refusal(): AppError {
    const message = {
      zh: `本服务器正在停止：请 ${RETRY_AFTER_SECONDS} 秒后重试（将由其他服务器应答）`,
      en: `This server is shutting down; retry in ${RETRY_AFTER_SECONDS} s (another server answers)`,
    };
    return unavailable(message, RETRY_AFTER_SECONDS);
  }

  /** For the WebSocket upgrade (ws's verifyClient): a new connection is refused with 503 while draining. */
  readonly verifyUpgrade = (
    _info: unknown,
    accept: (ok: boolean, status?: number, message?: string, headers?: Record<string, string>) => void,
  ): void => {
    if (!this.started) return accept(true);
    accept(false, 503, 'Service Unavailable: shutting down', { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  };
}
