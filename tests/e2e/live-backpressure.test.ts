import WebSocket from 'ws';
import { createProject, TOWN_OFFICER, XINHU } from '../support/fixtures';
import { collect } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';

const CHANGES = `subscription($tenant: String!, $project: ID, $after: String) {
  projectChanged(tenantCode: $tenant, projectId: $project, after: $after) { cursor kind changes { field before after } }
}`;

interface Change {
  cursor: string;
  kind: string;
  changes: { field: string; before: string | null; after: string | null }[];
}

const QUEUE_LIMIT = 10;
const QUEUE_LIMIT_BYTES = 64 * 1024;
/**
 * Events written for the stalled subscriber: enough to fill the kernel's buffers several times,
 * and written well within graphql-ws's keep-alive (a ping every 12 s, closed after 12 s without a
 * pong), so that the stream ends by the bound and not by the socket being dropped.
 */
const MAX_EVENTS = 40;

/**
 * What one subscriber may hold is bounded in events and in bytes, and a resume respects those
 * bounds instead of overflowing them: small limits here, so that a few events cross them.
 */
describe('a resume with a small LIVE_QUEUE_LIMIT', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'town-officer', { LIVE_QUEUE_LIMIT: String(QUEUE_LIMIT) });
  });
  afterAll(() => server.close());

  const rename = async (id: string, name: string) => {
    const result = await server.gql(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`, {
      input: { id, name },
    });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  };
  it(`resumes from 50 events back with a queue of ${QUEUE_LIMIT}: all of them in order, then the live ones`, async () => {
    const project = await createProject(server, { code: null });
    const streams = server.liveStreams();
    const first = collect<Change>(server.wsClient(), CHANGES, { tenant: XINHU, project: project.id }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    await rename(project.id, '续传起点');
    let start: Change | undefined;
    for (let n = 1; !start; n += 1) start = (await first.until(n)).find((c) => c.kind === 'PROJECT_UPDATED');
    first.stop();
    for (let i = 1; i <= 50; i += 1) await rename(project.id, `续传-${i}`);

    const resumed = collect<Change>(
      server.wsClient(),
      CHANGES,
      { tenant: XINHU, project: project.id, after: start!.cursor },
      (d) => d.projectChanged,
    );
    const replayed = await resumed.until(50, 30_000);
    await rename(project.id, '实时');
    const all = await resumed.until(51);
    const nameOf = (c: Change) => c.changes.find((f) => f.field === 'name')?.after;
    expect(replayed.map(nameOf)).toEqual(Array.from({ length: 50 }, (_, i) => `续传-${i + 1}`));
    expect(nameOf(all[50]!)).toBe('实时');
    expect(resumed.errors).toEqual([]);
    expect(new Set(all.map((c) => c.cursor)).size).toBe(51);
  });

  /**
   * Holds a transaction with an id open: every change committed after it settles (becomes readable
   * from the outbox) only when it ends, all at once, as behind a bulk import or a slow write.
   */
  const holdTheHorizon = async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = server.adminOrm.em.fork().transactional(async (em) => {
      await em.execute('select pg_current_xact_id()');
      started();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await running;
    return async () => {
      release();
      await held;
    };
  };
  const nameOf = (c: Change) => c.changes.find((f) => f.field === 'name')?.after;
  const renamedTo = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}-${i + 1}`);

  it(`takes a burst of 50 events that settle at once, with a queue of ${QUEUE_LIMIT}: all of them in order, no SLOW_CONSUMER`, async () => {
    const project = await createProject(server, { code: null });
    const streams = server.liveStreams();
    const live = collect<Change>(server.wsClient(), CHANGES, { tenant: XINHU, project: project.id }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    const settle = await holdTheHorizon();
    for (let i = 1; i <= 50; i += 1) await rename(project.id, `突发-${i}`);
    await settle();

    // Its own changes only: the project's creation, committed before the stream opened, may still
    // reach it late under load.
    const own = (prefix: string) => (c: Change) => nameOf(c)?.startsWith(prefix) ?? false;
    const received = await live.untilOwn(own('突发'), 50, 30_000);
    expect(received.map(nameOf)).toEqual(renamedTo('突发'));
    expect(live.errors).toEqual([]);
    // Caught up, the stream is live again.
    await rename(project.id, '实时');
    expect((await live.untilOwn(own('实时'), 1)).map(nameOf)).toEqual(['实时']);
    live.stop();
  });
});

describe('a subscriber that stops reading', () => {
  let server: TestServer;

  beforeAll(async () => {
    // The default LIVE_QUEUE_LIMIT (1000 events): the byte bound must act long before it.
    server = await startTestServer('dezhou-tenants', 'town-officer', { LIVE_QUEUE_LIMIT_BYTES: String(QUEUE_LIMIT_BYTES) });
  });
  afterAll(() => server.close());

  it('ends the stream of a subscriber that stops reading once it holds more than LIVE_QUEUE_LIMIT_BYTES, with SLOW_CONSUMER when it reads again', async () => {
    const [xinhu] = await server.adminOrm.em
      .fork()
      .getConnection()
      .execute<{ path: string }[]>(`select path::text from tenant where code = ?`, [XINHU]);
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    const messages: { id?: string; type: string; payload?: any }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${server.token(TOWN_OFFICER)}` } }));
    while (!messages.some((m) => m.type === 'connection_ack')) await new Promise((resolve) => setTimeout(resolve, 10));
    const streams = server.liveStreams();
    socket.send(JSON.stringify({ id: 'stalled', type: 'subscribe', payload: { query: CHANGES, variables: { tenant: XINHU } } }));
    await server.untilLiveStreams(streams + 1);

    // The client stops reading its TCP socket: the kernel's buffers fill, then the server's.
    (socket as unknown as { _socket: import('node:net').Socket })._socket.pause();
    // Large events straight into the outbox the relay reads (no API input is this large): a few
    // fill the kernel's buffers, then the subscriber holds more than the bound.
    const admin = server.adminOrm.em.fork().getConnection();
    const note = '进度说明'.repeat(40_000); // about 480 KB as UTF-8
    let written = 0;
    while (server.liveStreams() > streams && written < MAX_EVENTS) {
      await admin.execute(
        `insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
         values ('PROJECT_UPDATED', ?, ?::ltree, null, ?, ?, jsonb_build_object('progress_note', jsonb_build_object('before', null, 'after', ?::text)))`,
        [XINHU, xinhu!.path, TOWN_OFFICER.subject, TOWN_OFFICER.name, `${written}:${note}`],
      );
      written += 1;
      await admin.execute(`select pg_notify('kp_change_events', '')`);
      // Give the relay a moment to deliver it (the loop ends as soon as the stream does).
      for (let waited = 0; waited < 200 && server.liveStreams() > streams; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The stream let go of its events (it no longer takes any) long before LIVE_QUEUE_LIMIT of them,
    // and the socket is still open: it learns why its stream ended when it reads again.
    expect(server.liveStreams()).toBe(streams);
    expect(written).toBeLessThan(MAX_EVENTS);

    (socket as unknown as { _socket: import('node:net').Socket })._socket.resume();
    const deadline = Date.now() + 30_000;
    const last = () => messages.filter((m) => m.id === 'stalled').at(-1);
    while (last()?.type !== 'complete' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const results = messages.filter((m) => m.id === 'stalled' && m.type === 'next');
    expect(results.at(-1)!.payload.errors[0].extensions.code).toBe('SLOW_CONSUMER');
    // What it did receive came in order; what it missed, it resumes with `after`.
    expect(results.length).toBeLessThan(written);
    socket.close();
  });
});
