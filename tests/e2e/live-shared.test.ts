import WebSocket from 'ws';
import { CITY, CITY_LEADER, createProject, PROJECT_LEADER, TOWN_OFFICER, XINHU } from '../support/fixtures';
import { collect, sleep } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';

/** Only what the event carries: one group for every viewer (each stream still checks its own viewer). */
const EVENT_ONLY = `subscription($tenant: String!) { projectChanged(tenantCode: $tenant) { cursor kind projectId changes { field after } } }`;
/** Reads the project: one group per viewer, one transaction per event per group. */
const READS_PROJECT = `subscription($tenant: String!) { projectChanged(tenantCode: $tenant) { cursor kind project { name } } }`;

interface Message {
  id?: string;
  type: string;
  payload?: any;
}

/** A graphql-ws socket read raw, to see the bytes each subscriber is sent. */
async function rawSocket(server: TestServer, as: typeof CITY_LEADER) {
  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
  const received: string[] = [];
  socket.on('message', (data) => received.push(String(data)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${server.token(as)}` } }));
  const parsed = () => received.map((text) => JSON.parse(text) as Message);
  while (!parsed().some((m) => m.type === 'connection_ack')) await sleep(10);
  return {
    subscribe: (id: string, query: string, variables: Record<string, unknown>) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    /** The `next` messages for `id`, as sent. */
    nexts: (id: string) => received.filter((text) => (JSON.parse(text) as Message).id === id && text.includes('"type":"next"')),
    close: () => socket.close(),
  };
}

const payloadOf = (text: string) => JSON.parse(text).payload as { data: { projectChanged: any } };

describe('subscribers sharing one execution per event', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'town-officer');
  });
  afterAll(() => server.close());

  /** Waits until the server's live streams are down to `count` again: stopped streams let go of the relay at once. */
  const untilStreams = async (count: number) => {
    for (let waited = 0; server.liveStreams() > count; waited += 20) {
      if (waited > 5_000) throw new Error(`${server.liveStreams()} live streams still take events; ${count} expected`);
      await sleep(20);
    }
  };

  it('sends every subscriber of a document the same bytes under its own id, and none an event its viewer may not read', async () => {
    const streams = server.liveStreams();
    const first = await rawSocket(server, CITY_LEADER);
    const second = await rawSocket(server, CITY_LEADER);
    // The same document and variables: the same group, but the project leader reads only the projects assigned to him.
    const leader = await rawSocket(server, PROJECT_LEADER);
    first.subscribe('1', EVENT_ONLY, { tenant: CITY });
    second.subscribe('dashboard-2', EVENT_ONLY, { tenant: CITY });
    leader.subscribe('1', EVENT_ONLY, { tenant: CITY });
    await server.untilLiveStreams(streams + 3);

    const project = await createProject(server, { code: null });
    const created = (text: string) => payloadOf(text).data.projectChanged.projectId === project.id;
    for (let waited = 0; !(first.nexts('1').some(created) && second.nexts('dashboard-2').some(created)); waited += 20) {
      if (waited > 10_000) throw new Error('the change did not arrive');
      await sleep(20);
    }
    const [a, b] = [first.nexts('1').find(created)!, second.nexts('dashboard-2').find(created)!];
    expect(a.startsWith('{"id":"1","type":"next","payload":')).toBe(true);
    expect(b.startsWith('{"id":"dashboard-2","type":"next","payload":')).toBe(true);
    expect(payloadOf(b)).toEqual(payloadOf(a));
    expect(a.slice(a.indexOf('"payload":'))).toBe(b.slice(b.indexOf('"payload":')));
    expect(payloadOf(a).data.projectChanged.kind).toBe('PROJECT_CREATED');
    await sleep(500);
    expect(leader.nexts('1').filter(created)).toEqual([]);
    for (const socket of [first, second, leader]) socket.close();
    await untilStreams(streams);
  });

  it('reads the database once per event for the subscribers of one viewer, and apart for another viewer', async () => {
    const streams = server.liveStreams();
    const leaders = [0, 1, 2].map(() =>
      collect<any>(server.wsClient(CITY_LEADER), READS_PROJECT, { tenant: XINHU }, (d) => d.projectChanged),
    );
    const officer = collect<any>(server.wsClient(TOWN_OFFICER), READS_PROJECT, { tenant: XINHU }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 4);
    const project = await createProject(server, { code: null });
    const rename = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`;
    const until = async (received: { items: any[]; until(n: number): Promise<unknown> }, kind: string) => {
      for (let n = 1; !received.items.some((c) => c.kind === kind); n += 1) await received.until(n);
    };
    // Counted from the rename on: its own scoped transaction, then one per event per group. The
    // creation's events (read by each group in transactions of their own) are all in first.
    for (const received of [...leaders, officer]) await until(received, 'PROJECT_CREATED');
    const counts = () => [...leaders, officer].map((received) => received.items.length).join();
    for (let before = ''; before !== counts(); await sleep(500)) before = counts();
    server.statements.length = 0;
    expect((await server.gql(rename, { input: { id: project.id, name: '共享执行' } })).errors).toBeUndefined();
    for (const received of [...leaders, officer]) await until(received, 'PROJECT_UPDATED');
    for (const received of [...leaders, officer])
      expect(received.items.find((c) => c.kind === 'PROJECT_UPDATED').project).toEqual({ name: '共享执行' });
    const scopedTransactions = server.statements.filter((line) => line.includes("set_config('role'")).length;
    // The mutation, the city leader's three streams (one group) and the town officer's.
    expect(scopedTransactions).toBe(3);
    for (const received of [...leaders, officer]) received.stop();
    await untilStreams(streams);
  });

  it("lets go of a subscription's stream as soon as the client stops it, with no event passing", async () => {
    const streams = server.liveStreams();
    const live = collect<any>(server.wsClient(CITY_LEADER), EVENT_ONLY, { tenant: XINHU }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    live.stop();
    await untilStreams(streams);
  });
});
