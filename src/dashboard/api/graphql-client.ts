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

/** The live connection as the header shows it. */
export type LiveState = 'connecting' | 'connected' | 'reconnecting';

/**
 * The dashboard's only way to the server: the public GraphQL API over HTTP (queries) and graphql-ws
 * (subscriptions) on the same origin, with the leader's access token, like any integrator.
 */
export class Api {
  readonly liveState: Ref<LiveState> = ref('connecting');
  private live: Client | undefined;

  constructor(private readonly token: () => string) {}

  async request<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables): Promise<Result> {
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
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json()) as GraphQLResponse<Result>;
    const first = body.errors?.[0];
    if (first)
      throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', problemsOf(first.message, first.extensions));
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
    return this.liveClient().subscribe<Result>(
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
  }

  private liveClient(): Client {
    if (this.live) return this.live;
    let connectedOnce = false;
    this.live = createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      // Read at every (re)connection: after a 4403 (token expired) the renewed token goes in.
      connectionParams: () => ({ authorization: `Bearer ${this.token()}`, language: LANGUAGE }),
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      on: {
        connecting: () => (this.liveState.value = connectedOnce ? 'reconnecting' : 'connecting'),
        connected: () => {
          connectedOnce = true;
          this.liveState.value = 'connected';
        },
        closed: () => (this.liveState.value = connectedOnce ? 'reconnecting' : 'connecting'),
      },
    });
    return this.live;
  }
}
