import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { CITY_LEADER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A plain JSON POST is read and answered in front of Express (transport/graphql-http-handler.ts);
 * any other body (compressed, another charset) goes through Express's parser. Both must answer
 * alike: the same data, the same headers, the same coded errors for a body that cannot be read.
 */
describe('request bodies over HTTP, in front of Express and through it', () => {
  let server: TestServer;
  const QUERY = JSON.stringify({ query: '{ tenant(code: "371402") { code name } }' });

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', CITY_LEADER);
  });
  afterAll(() => server.close());

  /** A raw request (fetch cannot send a chunked body of a chosen size, nor a lying header). */
  function send(
    headers: Record<string, string>,
    chunks: (string | Buffer)[],
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
    return new Promise((resolve, reject) => {
      const request = http.request(server.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token(CITY_LEADER)}`, 'accept-language': 'zh-CN', ...headers },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += String(chunk)));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) }));
      });
      request.on('error', reject);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
  }

  it('answers a gzip-compressed body (through Express) as the same body sent plain', async () => {
    const plain = await send({ 'content-type': 'application/json' }, [QUERY]);
    const compressed = await send({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, [gzipSync(QUERY)]);
    expect(plain.status).toBe(200);
    expect(plain.body.data.tenant.code).toBe('371402');
    expect(compressed.status).toBe(200);
    expect(compressed.body).toEqual(plain.body);
    for (const answer of [plain, compressed]) {
      expect(answer.headers['content-language']).toBe('zh-CN');
      expect(answer.headers['vary']).toMatch(/accept-language/i);
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
    }
  });

  it("keeps the caller's request id, in front of Express as through it", async () => {
    const plain = await send({ 'content-type': 'application/json', 'x-request-id': 'caller-1' }, [QUERY]);
    const other = await send({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'caller-2' }, [QUERY]);
    expect(plain.headers['x-request-id']).toBe('caller-1');
    expect(other.headers['x-request-id']).toBe('caller-2');
  });

  it('reads a body sent in many chunks', async () => {
    const parts = QUERY.match(/.{1,5}/g)!;
    const answer = await send({ 'content-type': 'application/json' }, parts);
    expect(answer.body.data.tenant.code).toBe('371402');
  });

  it.each([
    ['not JSON', '{"query": '],
    ['JSON that is no object or array', '"{ __typename }"'],
  ])('refuses a body that is %s with 400 BAD_REQUEST, in Chinese, plain or compressed', async (_, body) => {
    for (const answer of [
      await send({ 'content-type': 'application/json' }, [body]),
      await send({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, [gzipSync(body)]),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(answer.body.errors[0].message).toBe('请求体不是有效的 JSON');
    }
  });

  it('refuses a body over the limit with 413 even when it comes chunked, without a length to refuse it by', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const answer = await send({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, [
      '{"query": "{ __typename }", "variables": { "padding": "',
      ...Array.from({ length: 20 }, () => chunk),
      '" } }',
    ]).catch((error: NodeJS.ErrnoException) => ({ status: 0, headers: {}, body: { error: error.code } }));
    // The answer comes before the whole body is read; the server may close the connection meanwhile.
    if (answer.status === 0) expect(answer.body.error).toMatch(/ECONNRESET|EPIPE/);
    else {
      expect(answer.status).toBe(413);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('answers an empty body as Express did: no query, 400 BAD_REQUEST', async () => {
    const answer = await send({ 'content-type': 'application/json' }, []);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
