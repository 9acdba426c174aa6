import net from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server';

const LIMIT_MS = 2000;
/** Node checks its connections about once a second: the cut comes within that of the limit (plus a loaded machine's slack). */
const SLACK_MS = 2500;
/** Without the frequent check, Node would cut only at its default 30 s interval: give up well before. */
const GIVE_UP_MS = 12_000;

/**
 * A client that trickles its request in holds a connection and a socket's memory: the README says
 * a request has GRAPHQL_REQUEST_TIMEOUT_MS to arrive, headers and body together.
 */
describe('the time a request has to arrive', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('empty', null, { GRAPHQL_REQUEST_TIMEOUT_MS: String(LIMIT_MS) });
  });
  afterAll(() => server.close());

  /** Sends `head` at once, then one byte of `trickle` every 200 ms; resolves with what the server answered and when it closed. */
  function trickle(head: string, trickled: string): Promise<{ answer: string; closedAfterMs: number }> {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const started = Date.now();
    let answer = '';
    let sent = 0;
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.write(head);
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_MS) return socket.destroy();
      if (!socket.writable) return;
      socket.write(trickled[sent % trickled.length]!);
      sent += 1;
    }, 200);
    return new Promise((resolve) => {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
    });
  }

  it('cuts a request whose body trickles in at the limit, with 408', async () => {
    const { answer, closedAfterMs } = await trickle(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n',
      '{"query":"{ __typename }"}',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(LIMIT_MS - 100);
    expect(closedAfterMs).toBeLessThan(LIMIT_MS + SLACK_MS);
  });

  it('cuts a request whose headers trickle in at the limit, with 408', async () => {
    const { answer, closedAfterMs } = await trickle('POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 'abcdefgh');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(LIMIT_MS - 100);
    expect(closedAfterMs).toBeLessThan(LIMIT_MS + SLACK_MS);
  });
});
