import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bannerToken, children, freePort, serverEnv, start, type Running } from '../support/server-process';

const DRAIN_MS = 4000;

/**
 * SIGTERM (Kubernetes stopping a pod) first drains: for SHUTDOWN_DRAIN_MS the listener stays open,
 * /readyz answers 503 so that load balancers move away, and new work is refused with 503 and
 * Retry-After, before the server closes and exits. The compiled server, a real process.
 */
describe('the drain window after SIGTERM', () => {
  let db: TestDatabase;
  let dataDir: string;
  let server: Running;

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-drain-'));
    server = await start(
      serverEnv({ PORT: String(await freePort()), DATA_DIR: dataDir, DATABASE_URL: db.appUrl, SHUTDOWN_DRAIN_MS: String(DRAIN_MS) }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /readyz and new GraphQL requests and WebSocket connections with 503 while draining, then exits 0', async () => {
    const base = server.url.replace('/graphql', '');
    const token = bannerToken(server, 'town-officer');
    const query = () =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ tenant(code: "371402001") { name } }' }),
      });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await query()).status).toBe(200);
    // A live socket opened before the signal: told to reconnect elsewhere when the drain ends.
    const live = new WebSocket(server.url.replace('http://', 'ws://'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => live.once('open', resolve).once('error', reject));
    const liveClosed = new Promise<number>((resolve) => live.once('close', (code) => resolve(code)));

    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    // The signal is handled at once; wait until it shows (the listener stays open meanwhile).
    let ready = await fetch(`${base}/readyz`);
    for (let tries = 0; ready.status === 200 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ready = await fetch(`${base}/readyz`);
    }
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', reason: 'shutting down' });

    const refused = await query();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });

    const upgrade = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(server.url.replace('http://', 'ws://'), 'graphql-transport-ws');
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('a new WebSocket was accepted while draining')));
      socket.once('error', () => undefined);
    });
    expect(upgrade).toBe(503);

    expect(await liveClosed).toBe(1012);
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/readyz`)).rejects.toThrow();
  }, 60_000);
});
