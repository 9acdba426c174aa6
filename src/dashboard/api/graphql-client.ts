import { ref, type Ref } from 'vue';
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';

/** One problem of an input, by the field the API names (`input.completedInvestmentWan`). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * An answer of the API with errors: the first one's message (in Chinese, Accept-Language) and code,
 * and for BAD_USER_INPUT the fields at fault, so a form shows each message beside its field.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** What a failed request shows: the API's own error, or, when no answer came, that the server could not be reached. */
export const apiErrorOf = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError('无法连接服务器，请稍后重试', 'NETWORK');

interface ErrorExtensions {
  code?: string;
  field?: string;
  problems?: FieldProblem[];
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: ErrorExtensions }[];
}

/** The problems of an error as the API lists them: `problems` when it lists several, else the one `field`. */
function problemsOf(message: string, extensions: ErrorExtensions | undefined): FieldProblem[] {
  if (extensions?.problems?.length) return extensions.problems;
  return extensions?.field ? [{ field: extensions.field, message }] : [];
}

/** Every request asks for Chinese: the API's messages and light reasons come in the viewer's language. */
const LANGUAGE = 'zh-CN';

/** How long a prefetched answer stands in for the view's own read: the time for the view's code to load, not more. */
const PREFETCH_FRESH_MS = 10_000;

const keyOf = (document: { toString(): string }, variables: unknown) => `${document.toString()}\n${JSON.stringify(variables)}`;

/** The live connection as the header shows it. */
/** `idle`: no view on the page subscribes, so the socket is closed on purpose (graphql-ws is lazy), not lost. */
export type LiveState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

/**
 * The dashboard's only way to the server: the public GraphQL API over HTTP (queries) and graphql-ws
 * (subscriptions) on the same origin, with the leader's access token, like any integrator.
 */
export class Api {
  readonly liveState: Ref<LiveState> = ref('idle');
  /** Subscriptions open now: none means the socket closes by design. */
  private streams = 0;
  private live: Client | undefined;
  /** Set when the server closed the live socket with 4403 (token expired): renew before the next connection. */
  private mustRenew = false;
  private readonly reconnected = new Set<() => void>();
  /** Reads sent ahead (prefetch), by text and variables, with when they were sent: each is taken once. */
  private readonly ahead = new Map<string, { answer: Promise<unknown>; sentAt: number }>();

  constructor(
    private readonly token: () => string,
    private readonly renew: () => Promise<void> = async () => undefined,
  ) {}

  /**
   * Sends a query before the view that needs it has loaded (overview-prefetch.ts): the view's first
   * identical request takes this answer instead of asking again, if it comes within a few seconds.
   */
  prefetch<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables): void {
    const answer = this.send<Result>(document.toString(), variables);
    answer.catch(() => undefined); // the view asks again and shows the failure
    this.ahead.set(keyOf(document, variables), { answer, sentAt: Date.now() });
  }

  request<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables): Promise<Result> {
    const key = keyOf(document, variables);
    const ahead = this.ahead.get(key);
    this.ahead.delete(key);
    if (ahead && Date.now() - ahead.sentAt < PREFETCH_FRESH_MS) return ahead.answer as Promise<Result>;
    return this.send(document.toString(), variables);
  }

  /**
   * Sends a file as the raw body of a POST (POST /photos: a site photo) with the same token, and
   * answers its JSON; a refusal (`{ code, field, message }`) throws an ApiError naming the field.
   */
  async upload<Result>(path: string, file: Blob): Promise<Result> {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'accept-language': LANGUAGE, authorization: `Bearer ${this.token()}` },
      body: file,
    });
    const body = (await response.json().catch(() => ({}))) as { code?: string; field?: string; message?: string };
    if (!response.ok) {
      const message = body.message ?? `上传失败（HTTP ${response.status}）`;
      throw new ApiError(message, body.code ?? 'INTERNAL_SERVER_ERROR', body.field ? [{ field: body.field, message }] : []);
    }
    return body as Result;
  }

  private async send<Result>(query: string, variables: unknown): Promise<Result> {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // application/json alone: an invalid input (a bad amount in a form) then comes back as 200 with its errors, as
        // any answer the form reads, where application/graphql-response+json makes it a 400 the browser logs as a failed load.
        accept: 'application/json',
        'accept-language': LANGUAGE,
        authorization: `Bearer ${this.token()}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<Result>;
    const first = body.errors?.[0];
    // Several fields' values can fail to coerce at once, each its own error naming its field: the form shows them all.
    if (first)
      throw new ApiError(
        first.message,
        first.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
        body.errors!.flatMap((e) => problemsOf(e.message, e.extensions)),
      );
    if (!body.data) throw new ApiError(`服务器无应答（HTTP ${response.status}）`, 'INTERNAL_SERVER_ERROR');
    return body.data;
  }

  /** Calls `next` with every result of a subscription until the returned function is called. */
  subscribe<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables: Variables,
    next: (data: Result) => void,
    fail: (error: ApiError) => void,
  ): () => void {
    this.streams += 1;
    const stop = this.liveClient().subscribe<Result>(
      { query: document.toString(), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          const first = result.errors?.[0];
          if (first) fail(new ApiError(first.message, (first.extensions?.['code'] as string | undefined) ?? 'INTERNAL_SERVER_ERROR'));
          else if (result.data) next(result.data);
        },
        error: () => undefined, // the connection state says it; graphql-ws retries on its own
        complete: () => undefined,
      },
    );
    let stopped = false;
    return () => {
      if (!stopped) this.streams -= 1;
      stopped = true;
      stop();
    };
  }

  /**
   * A stream that must miss nothing (projectChanged): every result's cursor is kept, and after a
   * reconnection the subscription starts again with `after` that cursor, so the server sends what
   * came in between first. graphql-ws would resubscribe on its own with the first variables (from
   * the start, or from nowhere); this replaces that subscription. Results seen already (the old
   * and the new one may overlap for a moment) are dropped by cursor.
   */
  resume<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables: (after: string | undefined) => Variables,
    cursorOf: (data: Result) => string,
    next: (data: Result) => void,
    fail: (error: ApiError) => void,
  ): () => void {
    let after: string | undefined;
    const seen = new Set<string>();
    const deliver = (data: Result) => {
      const cursor = cursorOf(data);
      if (seen.has(cursor)) return;
      seen.add(cursor);
      if (seen.size > 500) seen.delete(seen.values().next().value as string);
      after = cursor;
      next(data);
    };
    let stop = this.subscribe(document, variables(after), deliver, fail);
    const again = () => {
      stop();
      stop = this.subscribe(document, variables(after), deliver, fail);
    };
    this.reconnected.add(again);
    return () => {
      this.reconnected.delete(again);
      stop();
    };
  }

  private liveClient(): Client {
    if (this.live) return this.live;
    let connectedOnce = false;
    this.live = createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      // Read at every (re)connection: after a 4403 (token expired) the token is renewed first and the new one goes in.
      connectionParams: async () => {
        if (this.mustRenew) {
          this.mustRenew = false;
          await this.renew();
        }
        return { authorization: `Bearer ${this.token()}`, language: LANGUAGE };
      },
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      on: {
        connecting: () => (this.liveState.value = connectedOnce ? 'reconnecting' : 'connecting'),
        connected: () => {
          const again = connectedOnce;
          connectedOnce = true;
          this.liveState.value = 'connected';
          if (again) for (const resubscribe of [...this.reconnected]) resubscribe();
        },
        closed: (event) => {
          if ((event as CloseEvent | undefined)?.code === 4403) this.mustRenew = true;
          // Closed because the last view stopped listening (a page without live figures) is not a lost connection.
          if (this.streams === 0) this.liveState.value = 'idle';
          else this.liveState.value = connectedOnce ? 'reconnecting' : 'connecting';
        },
      },
    });
    return this.live;
  }
}
