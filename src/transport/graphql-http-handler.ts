import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { bearerToken } from '../auth/authenticate';
import type { Context } from '../context';
import { AppError } from '../errors/app-error';
import { languageOf, type Language } from '../language/language';
import { addVary, sayLanguage } from '../language/request-language';
import type { Metrics } from '../observability/metrics';
import { requestIdFor, requestRefused } from '../observability/request-log';
import type { AdmissionGate } from './admission-gate';
import { GRAPHQL_PATH } from './paths';

const BODY_TOO_LARGE = { zh: '请求体过大', en: 'The request body is too large' };
const BODY_NOT_JSON = { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' };
const INTERNAL_ERROR = { zh: '内部错误', en: 'Internal error' };

/** The JSON answer to a request whose body could not be read (too large, not JSON) or that failed before GraphQL. */
export function bodyErrorAnswer(status: number, language: Language): string {
  const message = (status === 413 ? BODY_TOO_LARGE : status < 500 ? BODY_NOT_JSON : INTERNAL_ERROR)[language];
  return JSON.stringify({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
}

function sendJson(res: http.ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(body);
}

/**
 * A request's body, or undefined once it passes `limit` bytes (what is left is not kept); rejects
 * when the request is cut off or fails before its end. Listeners rather than `for await`: a
 * stream's async iterator costs a small query's read a few per cent of its CPU (its promises and
 * end-of-stream watch, bench:api).
 */
function bodyOf(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settle();
      resolve(undefined);
    };
    const onEnd = () => {
      settle();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    // Closed before its end: the client went away (the iterator said ERR_STREAM_PREMATURE_CLOSE).
    const onClose = () => {
      settle();
      reject(Object.assign(new Error('the request was closed before its body ended'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** `Content-Type` of a request the handler reads itself: JSON, in UTF-8 (JSON's only encoding on the web). */
const PLAIN_JSON = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

export interface GraphqlHttpDeps {
  readonly apollo: ApolloServer<Context>;
  readonly gate: AdmissionGate;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly maxBodyBytes: number;
}

/**
 * GraphQL over HTTP at GRAPHQL_PATH, in front of Express. A POST with a plain JSON body (nearly
 * every request an integrator or the dashboard sends) is read and answered here on Node's own
 * request and response: Express's router, body parser, response helpers and ETag hashing were a
 * tenth of a small query's CPU (bench:api), and its `res.send` wrote headers and body in two
 * pieces. Anything else (GET, a compressed or otherwise encoded body) goes through Express
 * (`answer` after its JSON parser), to the same Apollo Server with the same context, language,
 * request id and error answers.
 */
export class GraphqlHttpHandler {
  constructor(private readonly deps: GraphqlHttpDeps) {}

  /** Takes a POST of plain JSON to GRAPHQL_PATH (true), or leaves the request to Express (false). */
  readonly takePlainPost = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    if ((query < 0 ? url : url.slice(0, query)) !== GRAPHQL_PATH) return false;
    const type = req.headers['content-type'];
    const encoding = req.headers['content-encoding'];
    if (!type || !PLAIN_JSON.test(type) || (encoding && encoding.toLowerCase() !== 'identity')) return false;
    void this.readAndAnswer(req, res).catch((error: unknown) => this.failed(req, res, error));
    return true;
  };

  /** Answers a request whose body is read (Express's parser, or readAndAnswer). */
  async answer(req: http.IncomingMessage, res: http.ServerResponse, body: unknown): Promise<void> {
    const requestId = requestIdFor(req, res);
    const language = languageOf(req.headers['accept-language']);
    sayLanguage(res, language);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await this.deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => this.context(req, body, requestId, language),
    });
    for (const [key, value] of response.headers) {
      if (key === 'vary') for (const name of value.split(',')) addVary(res, name.trim());
      else res.setHeader(key, value);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      // Headers and body in one write.
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** The operation's context: the admission gate's (token, rate limit, tenant), or the refusal, logged. */
  private async context(req: http.IncomingMessage, body: unknown, requestId: string, language: Language): Promise<Context> {
    const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
    try {
      const token = bearerToken(req.headers.authorization);
      return await this.deps.gate.request({ token, query, operationName, address: req.socket.remoteAddress, language });
    } catch (error) {
      if (error instanceof AppError) requestRefused(this.deps.logger, this.deps.metrics, { operationName, requestId }, error.code);
      throw error;
    }
  }

  /**
   * Reads a JSON body as Express's parser does (strict: an object or an array; empty is `{}`; at
   * most maxBodyBytes, else 413), then answers it.
   */
  private async readAndAnswer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const language = languageOf(req.headers['accept-language']);
    const limit = this.deps.maxBodyBytes;
    requestIdFor(req, res);
    if (Number(req.headers['content-length'] ?? 0) > limit) return this.refuseBody(req, res, 413, language);
    const bytes = await bodyOf(req, limit);
    if (bytes === undefined) return this.refuseBody(req, res, 413, language);
    const text = bytes.toString('utf8').trim();
    let body: unknown = {};
    if (text !== '') {
      if (text[0] !== '{' && text[0] !== '[') return this.refuseBody(req, res, 400, language);
      try {
        body = JSON.parse(text);
      } catch {
        return this.refuseBody(req, res, 400, language);
      }
    }
    await this.answer(req, res, body);
  }

  /** The answer to a body that cannot be read; the connection closes (the rest of a large body is not read). */
  private refuseBody(req: http.IncomingMessage, res: http.ServerResponse, status: number, language: Language): void {
    if (status === 413) res.setHeader('connection', 'close');
    sendJson(res, status, bodyErrorAnswer(status, language));
    if (!req.readableEnded) req.resume();
  }

  /** What Express's last error handler would do: a JSON 500 (Apollo answers its own failures itself). */
  private failed(req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void {
    this.deps.logger.error({ err: error }, 'request failed before GraphQL');
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, bodyErrorAnswer(500, languageOf(req.headers['accept-language'])));
  }
}
