import { adHocUser } from '../../src/auth/dev-realm';
import type { DevUser } from '../../src/auth/dev-users';
import { Role } from '../../src/auth/roles';
import { countRows, projectInput, TOWN_OFFICER, XINHU, XINHUA, XINHUA_OFFICER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id name } }`;

interface Answer {
  status: number;
  replayedHeader: string | null;
  body: {
    data?: any;
    errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
    extensions?: Record<string, any>;
  };
}

/**
 * Retried mutations (幂等): an integrator that timed out resends with the same Idempotency-Key and
 * must get the first answer, never a second project; nothing else about the request may differ.
 */
describe('mutations with an idempotency key', () => {
  let server: TestServer;
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  async function send(body: Record<string, unknown>, key?: string, as: DevUser = TOWN_OFFICER): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${server.token(as)}`,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      replayedHeader: response.headers.get('idempotent-replayed'),
      body: (await response.json()) as Answer['body'],
    };
  }
  const create = (name: string, key?: string, as: DevUser = TOWN_OFFICER, overrides: Record<string, unknown> = {}) =>
    send({ query: CREATE, variables: { input: projectInput({ name, code: null, annualPlans: [], ...overrides }) } }, key, as);
  const projectsNamed = async (name: string) =>
    Number(
      (
        await server.adminOrm.em
          .fork()
          .getConnection()
          .execute<{ n: string }[]>('select count(*)::text as n from project where name = ?', [name])
      )[0]!.n,
    );
  const freshKey = () => `test-key-${process.pid}-${++seq}-${Date.now()}`;

  it('returns the first answer to a retry, marked as replayed, and creates the project once', async () => {
    const key = freshKey();
    const first = await create('幂等项目一', key);
    expect(first.body.errors).toBeUndefined();
    expect(first.replayedHeader).toBeNull();
    const audits = await countRows(server, 'audit_record');

    const retry = await create('幂等项目一', key);
    expect(retry.status).toBe(200);
    expect(retry.body.data).toEqual(first.body.data);
    expect(retry.body.extensions?.idempotency).toEqual({ replayed: true });
    expect(retry.replayedHeader).toBe('true');
    expect(await projectsNamed('幂等项目一')).toBe(1);
    // The replay itself changed nothing, not even the audit trail.
    expect(await countRows(server, 'audit_record')).toBe(audits);
  });

  it('answers CONFLICT for the same key with a different request, and changes nothing', async () => {
    const key = freshKey();
    expect((await create('幂等项目二', key)).body.errors).toBeUndefined();
    const other = await create('另一个项目', key);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(other.body.data ?? null).toBeNull();
    expect(await projectsNamed('另一个项目')).toBe(0);
    expect(await projectsNamed('幂等项目二')).toBe(1);
  });

  it('treats the same variables in another key order as the same request', async () => {
    const key = freshKey();
    const input = projectInput({ name: '键序项目', code: null, annualPlans: [] });
    const first = await send({ query: CREATE, variables: { input } }, key);
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    const retry = await send(
      {
        query: `mutation($input: CreateProjectInput!) {\n  createProject(input: $input) { id   name }\n}`,
        variables: { input: reordered },
      },
      key,
    );
    expect(retry.body.data).toEqual(first.body.data);
    expect(retry.replayedHeader).toBe('true');
  });

  it('keeps keys per viewer: the same key from someone else acts for them', async () => {
    const key = freshKey();
    const mine = await create('各自的项目', key);
    const theirs = await create('各自的项目', key, XINHUA_OFFICER, { ownerTenantCode: XINHUA });
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.replayedHeader).toBeNull();
    expect(theirs.body.data.createProject.id).not.toBe(mine.body.data.createProject.id);
    expect(await projectsNamed('各自的项目')).toBe(2);
  });

  describe('when the same subject comes back with another scope', () => {
    // One Keycloak user whose tenant attribute or roles changed between the first request and its retry.
    const subject = `moved-officer-${process.pid}`;
    const atXinhu = adHocUser({ subject, tenantCode: XINHU, roles: [Role.TOWN_OFFICER] });
    const movedToXinhua = adHocUser({ subject, tenantCode: XINHUA, roles: [Role.TOWN_OFFICER] });
    const nowSupervisor = adHocUser({ subject, tenantCode: XINHU, roles: [Role.SUPERVISOR] });

    it.each([
      ['bound to another tenant', movedToXinhua],
      ['holding other roles', nowSupervisor],
    ])('answers CONFLICT when it is %s, shows nothing of the first answer and changes nothing', async (_, later) => {
      const key = freshKey();
      const name = `换了范围的项目 ${later.tenantCode} ${later.roles.join()}`;
      const first = await create(name, key, atXinhu);
      expect(first.body.errors).toBeUndefined();
      const projectId: string = first.body.data.createProject.id;

      const retry = await create(name, key, later);
      expect(retry.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
      expect(retry.body.data ?? null).toBeNull();
      expect(retry.replayedHeader).toBeNull();
      expect(JSON.stringify(retry.body)).not.toContain(projectId);
      expect(await projectsNamed(name)).toBe(1);

      // Back in the first scope, the key still answers as before.
      const back = await create(name, key, atXinhu);
      expect(back.replayedHeader).toBe('true');
      expect(back.body.data).toEqual(first.body.data);
    });
  });

  it('never replays an answer kept without its scope (claimed before scopes were kept)', async () => {
    const key = freshKey();
    await create('无范围的旧键', key);
    await server.adminOrm.em.fork().getConnection().execute('update idempotent_request set scope_hash = null where key = ?', [key]);
    const retry = await create('无范围的旧键', key);
    expect(retry.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(retry.body.data ?? null).toBeNull();
    expect(await projectsNamed('无范围的旧键')).toBe(1);
  });

  it('keeps nothing for a request that failed: its retry acts anew, and the key may then carry the corrected request', async () => {
    const key = freshKey();
    const bad = await create('失败后重试', key, TOWN_OFFICER, { totalInvestmentWan: '-5' });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.totalInvestmentWan' });
    const again = await create('失败后重试', key, TOWN_OFFICER, { totalInvestmentWan: '-5' });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(again.replayedHeader).toBeNull();
    const fixed = await create('失败后重试', key);
    expect(fixed.body.errors).toBeUndefined();
    expect(await projectsNamed('失败后重试')).toBe(1);
  });

  it('keeps the answer of a document whose second mutation failed, since its first one took effect', async () => {
    const key = freshKey();
    const body = {
      query: `mutation($a: CreateProjectInput!, $b: CreateProjectInput!) { a: createProject(input: $a) { id } b: createProject(input: $b) { id } }`,
      variables: {
        a: projectInput({ name: '两步之一', code: null, annualPlans: [] }),
        b: projectInput({ name: '两步之二', code: null, annualPlans: [], totalInvestmentWan: '0' }),
      },
    };
    const first = await send(body, key);
    expect(first.body.errors?.[0]).toMatchObject({ path: ['b'], extensions: { code: 'BAD_USER_INPUT' } });
    const retry = await send(body, key);
    expect(retry.replayedHeader).toBe('true');
    expect(retry.body.errors).toEqual(first.body.errors);
    expect(await projectsNamed('两步之一')).toBe(1);
  });

  it('lets concurrent retries of one request create one project and all get its answer', async () => {
    const key = freshKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => create('并发重试项目', key)));
    const ids = new Set(answers.map((a) => a.body.data?.createProject?.id));
    expect(answers.every((a) => a.body.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.replayedHeader === 'true')).toHaveLength(5);
    expect(await projectsNamed('并发重试项目')).toBe(1);
  });

  it('takes the key from the request extensions as well as from the header', async () => {
    const key = freshKey();
    const body = {
      query: CREATE,
      variables: { input: projectInput({ name: '扩展字段项目', code: null, annualPlans: [] }) },
      extensions: { idempotencyKey: key },
    };
    const first = await send(body);
    const retry = await send(body);
    expect(retry.body.data).toEqual(first.body.data);
    expect(retry.body.extensions?.idempotency).toEqual({ replayed: true });
    expect(await projectsNamed('扩展字段项目')).toBe(1);
  });

  it('answers BAD_USER_INPUT for a malformed key and creates nothing', async () => {
    for (const key of ['has space', 'x'.repeat(201)]) {
      const answer = await create('坏键项目', key);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
    const numeric = await send({
      query: CREATE,
      variables: { input: projectInput({ name: '坏键项目', code: null, annualPlans: [] }) },
      extensions: { idempotencyKey: 42 },
    });
    expect(numeric.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await projectsNamed('坏键项目')).toBe(0);
  });

  it('acts anew once the first answer is older than the retention', async () => {
    const key = freshKey();
    await create('过期键项目', key);
    await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(`update idempotent_request set created_at = now() - interval '25 hours' where key = ?`, [key]);
    const later = await create('过期键项目', key);
    expect(later.body.errors).toBeUndefined();
    expect(later.replayedHeader).toBeNull();
    expect(await projectsNamed('过期键项目')).toBe(2);
  });

  it('ignores the key on queries', async () => {
    const answer = await send({ query: `{ tenant(code: "${XINHU}") { name } }` }, freshKey());
    expect(answer.body.errors).toBeUndefined();
    expect(answer.replayedHeader).toBeNull();
  });

  it('refuses a key on a mutation over graphql-ws rather than ignore it', async () => {
    const client = server.wsClient(TOWN_OFFICER);
    const result = await new Promise<{ errors?: any[] }>((resolve) => {
      client.subscribe(
        {
          query: CREATE,
          variables: { input: projectInput({ name: '套接字项目', code: null, annualPlans: [] }) },
          extensions: { idempotencyKey: freshKey() },
        },
        {
          next: (value) => resolve(value as { errors?: any[] }),
          error: (errors) => resolve({ errors: errors as any[] }),
          complete: () => undefined,
        },
      );
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await projectsNamed('套接字项目')).toBe(0);
  });
});
