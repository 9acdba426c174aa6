import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { TOKEN_REJECTIONS } from '../../src/auth/token-rejection';
import { COUNTY_LEADER, createProject, DECHENG, TOWN_OFFICER } from '../support/fixtures';
import { collect } from '../support/live';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server';

const ASSIGN = 'mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }';
const EN = { 'accept-language': 'en' };

/**
 * Messages in the reader's language: Chinese unless the client asks for English (Accept-Language
 * over HTTP; over graphql-ws the upgrade's Accept-Language or `language` in connection_init), with
 * every code, field and reason the same in both.
 */
describe('language', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
    projectId = (await createProject(server, { code: null }, TOWN_OFFICER)).id;
  });

  afterAll(async () => {
    await server.close();
  });

  /** An assignment with two problems: a subject that is no user id, and a start in the future. */
  const badAssignment = () => ({ input: { projectId, subject: '王磊', name: '王磊', kind: 'LEAD_LEADER', startedOn: '2099-01-01' } });

  /** What must not change with the language: everything but the messages. */
  const shape = (result: GraphQLResponse) =>
    result.errors?.map(({ message: _m, extensions: { problems, ...extensions } }) => ({
      ...extensions,
      problems: (problems as { field: string }[] | undefined)?.map((p) => p.field),
    }));

  describe('over HTTP', () => {
    it('answers the same bad request in Chinese without Accept-Language and in English with Accept-Language: en, codes and fields unchanged', async () => {
      const zh = await server.gql(ASSIGN, badAssignment());
      const en = await server.gql(ASSIGN, badAssignment(), COUNTY_LEADER, EN);
      expect(zh.errors?.[0]).toMatchObject({
        message:
          '包抓人用户 ID 须为被包抓人的 Keycloak 用户 ID，即一个 UUID，例如 7d3c1a52-0b1e-4c51-9a41-100000000004；包抓责任的开始日期不能晚于今天',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'input.subject',
          problems: [
            {
              field: 'input.subject',
              message: '包抓人用户 ID 须为被包抓人的 Keycloak 用户 ID，即一个 UUID，例如 7d3c1a52-0b1e-4c51-9a41-100000000004',
            },
            { field: 'input.startedOn', message: '包抓责任的开始日期不能晚于今天' },
          ],
        },
      });
      expect(en.errors?.[0]).toMatchObject({
        message:
          "subject must be the assignee's Keycloak user id, a UUID such as 7d3c1a52-0b1e-4c51-9a41-100000000004; an assignment cannot start in the future",
        extensions: {
          problems: [
            {
              field: 'input.subject',
              message: "subject must be the assignee's Keycloak user id, a UUID such as 7d3c1a52-0b1e-4c51-9a41-100000000004",
            },
            { field: 'input.startedOn', message: 'an assignment cannot start in the future' },
          ],
        },
      });
      expect(shape(en)).toEqual(shape(zh));
      expect(zh.status).toBe(en.status);
    });

    it('says which language it answers in (Content-Language, Vary: Accept-Language)', async () => {
      const ask = (headers: Record<string, string>) =>
        fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token(COUNTY_LEADER)}`, ...headers },
          body: JSON.stringify({ query: '{ tenant(code: "371400") { name } }' }),
        });
      const zh = await ask({});
      expect(zh.headers.get('content-language')).toBe('zh-CN');
      expect(zh.headers.get('vary')).toMatch(/accept-language/i);
      expect((await ask(EN)).headers.get('content-language')).toBe('en');
    });

    it.each([
      ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
      ['en-US,en;q=0.9', 'en'],
      ['fr, en;q=0.5', 'en'],
      ['en;q=0.1, zh-Hans;q=0.9', 'zh'],
      ['fr', 'zh'],
    ])('reads Accept-Language %s by its q-values (%s)', async (header, language) => {
      const result = await server.gql(`{ tenant(code: "371499") { name } }`, {}, COUNTY_LEADER, { 'accept-language': header });
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', entity: 'Tenant', id: '371499' } });
      expect(result.errors?.[0]?.message).toBe(language === 'zh' ? '未找到行政区划 371499' : 'Tenant 371499 was not found');
    });

    it("refuses a missing token in the reader's language, with the same reason", async () => {
      const zh = await server.gql('{ tenant(code: "371400") { name } }', {}, null);
      const en = await server.gql('{ tenant(code: "371400") { name } }', {}, null, EN);
      expect([zh.status, en.status]).toEqual([401, 401]);
      expect(zh.errors?.[0]).toMatchObject({
        message: TOKEN_REJECTIONS.TOKEN_MISSING.zh,
        extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING', field: 'authorization' },
      });
      expect(zh.errors?.[0]?.message).toBe('未提供访问令牌：请在请求头中发送 Authorization: Bearer <令牌>');
      expect(en.errors?.[0]).toMatchObject({
        message: TOKEN_REJECTIONS.TOKEN_MISSING.en,
        extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING', field: 'authorization' },
      });
    });

    it("refuses what Apollo refuses before running anything (no query, variables that are no object) in the reader's language", async () => {
      const post = async (body: unknown, headers: Record<string, string> = {}) => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token(COUNTY_LEADER)}`, ...headers },
          body: JSON.stringify(body),
        });
        return { status: response.status, error: ((await response.json()) as GraphQLResponse).errors?.[0] };
      };
      const noQuery = await post({ variables: {} });
      const noQueryEn = await post({ variables: {} }, EN);
      expect([noQuery.status, noQueryEn.status]).toEqual([400, 400]);
      expect(noQuery.error).toEqual({ message: '请求须包含非空的 query。', extensions: { code: 'BAD_REQUEST' } });
      expect(noQueryEn.error).toEqual({
        message: 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.',
        extensions: { code: 'BAD_REQUEST' },
      });
      const variables = { query: '{ me { subject } }', variables: '{"a": 1}' };
      expect((await post(variables)).error?.message).toBe('variables 须为 JSON 对象，而不是再次编码的 JSON 字符串。');
      expect((await post(variables, EN)).error?.message).toBe(
        '`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.',
      );
    });

    it("translates graphql-js's own errors: an unknown field, a missing argument, a parse error", async () => {
      const unknown = await server.gql('{ tenant(code: "371400") { nmae } }');
      expect(unknown.errors?.[0]).toMatchObject({
        message: '类型 Tenant 没有字段 "nmae"。是否指 "name"？',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const unknownEn = await server.gql('{ tenant(code: "371400") { nmae } }', {}, COUNTY_LEADER, EN);
      expect(unknownEn.errors?.[0]?.message).toBe('Cannot query field "nmae" on type "Tenant". Did you mean "name"?');
      const missing = await server.gql('{ tenant { name } }');
      expect(missing.errors?.[0]).toMatchObject({
        message: '字段 tenant 缺少必填参数 code（类型 String!）。',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const broken = await server.gql('{ tenant(code: "371400") { name }');
      expect(broken.errors?.[0]).toMatchObject({
        message: '语法错误：此处应为 Name，实际为 <EOF>。',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
    });

    it("puts a scalar's refusal of a variable in the reader's language, inside graphql-js's own sentence", async () => {
      const query = 'query($p: Period!) { rollup(tenantCode: "371402", period: $p) { projectCount } }';
      const zh = await server.gql(query, { p: '2026-13' });
      expect(zh.errors?.[0]).toMatchObject({
        message: '变量 $p 的值 "2026-13" 无效：Period 须为 YYYY-MM 格式的月份，实际为 "2026-13"',
        extensions: { code: 'BAD_USER_INPUT', field: 'p' },
      });
      const en = await server.gql(query, { p: '2026-13' }, COUNTY_LEADER, EN);
      expect(en.errors?.[0]?.message).toBe(
        'Variable "$p" got invalid value "2026-13"; Period must be a month written YYYY-MM, got "2026-13"',
      );
      expect(shape(en)).toEqual(shape(zh));
    });

    it("answers a body that is not JSON in the reader's language", async () => {
      const post = (headers: Record<string, string>) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query": ' });
      const zh = await post({});
      expect(zh.status).toBe(400);
      expect(await zh.json()).toEqual({ errors: [{ message: '请求体不是有效的 JSON', extensions: { code: 'BAD_REQUEST' } }] });
      expect(await (await post(EN)).json()).toEqual({
        errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    });

    it("answers a malformed Idempotency-Key (refused before execution) in the reader's language", async () => {
      const send = (headers: Record<string, string>) =>
        server.gql(ASSIGN, badAssignment(), COUNTY_LEADER, { 'idempotency-key': 'has spaces', ...headers });
      const zh = await send({});
      expect(zh.errors?.[0]).toMatchObject({
        message: '幂等键须为 1 至 200 个可打印 ASCII 字符，不含空格（例如一个 UUID）',
        extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
      });
      expect((await send(EN)).errors?.[0]?.message).toBe(
        'An idempotency key is 1 to 200 printable ASCII characters without spaces (a UUID, say)',
      );
    });

    it("names the limit a document exceeds in the reader's language", async () => {
      const deep = `{ tenant(code: "371400") { ${'children { '.repeat(13)}name${' }'.repeat(13)} } }`;
      const zh = await server.gql(deep);
      expect(zh.errors?.[0]).toMatchObject({
        message: '查询深度 15 超过上限 12：请减少一次请求的内容',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' },
      });
      expect((await server.gql(deep, {}, COUNTY_LEADER, EN)).errors?.[0]?.message).toBe(
        'The query depth 15 exceeds the maximum of 12: ask for less in one document',
      );
    });
  });

  describe('over graphql-ws', () => {
    const clients: Client[] = [];
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
    });

    /** A WebSocket whose upgrade request says Accept-Language, as a browser's does by itself. */
    const speaking = (acceptLanguage: string) =>
      class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'accept-language': acceptLanguage } });
        }
      };

    function client(options: { params?: Record<string, unknown>; acceptLanguage?: string; token?: string | null } = {}): Client {
      const token = options.token === undefined ? server.token(COUNTY_LEADER) : options.token;
      const made = createClient({
        url: server.wsUrl,
        webSocketImpl: options.acceptLanguage ? speaking(options.acceptLanguage) : WebSocket,
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
        connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.params },
      });
      clients.push(made);
      return made;
    }

    const firstError = async (c: Client, query: string, variables: Record<string, unknown> = {}) => {
      const received = collect(c, query, variables);
      await received.ended;
      return received.errors[0] as
        { message: string; extensions: Record<string, unknown> }[] | { message: string; extensions: Record<string, unknown> };
    };
    const one = (error: Awaited<ReturnType<typeof firstError>>) => (Array.isArray(error) ? error[0]! : error);

    const BAD_CURSOR = `subscription { projectChanged(tenantCode: "${DECHENG}", after: "not-a-cursor") { kind } }`;

    it('answers in Chinese by default, in English for `language: "en"` in connection_init, codes and fields unchanged', async () => {
      const zh = one(await firstError(client(), BAD_CURSOR));
      const en = one(await firstError(client({ params: { language: 'en' } }), BAD_CURSOR));
      expect(zh).toMatchObject({
        message: 'after 不是本系统给出的游标：请传入最后收到的事件的 cursor',
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
      expect(en).toMatchObject({
        message: 'not a cursor of this API: pass the `cursor` of the last event received',
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    });

    it("follows the upgrade request's Accept-Language, unless connection_init names a language", async () => {
      const en = one(await firstError(client({ acceptLanguage: 'en-US,en;q=0.9' }), BAD_CURSOR));
      expect(en.message).toBe('not a cursor of this API: pass the `cursor` of the last event received');
      const zh = one(await firstError(client({ acceptLanguage: 'en', params: { language: 'zh-CN' } }), BAD_CURSOR));
      expect(zh.message).toBe('after 不是本系统给出的游标：请传入最后收到的事件的 cursor');
    });

    it('translates a document that does not validate', async () => {
      const query = `subscription { projectChangd(tenantCode: "${DECHENG}") { kind } }`;
      const zh = one(await firstError(client(), query));
      expect(zh).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(zh.message).toMatch(/^类型 Subscription 没有字段 "projectChangd"。/);
      const en = one(await firstError(client({ params: { language: 'en' } }), query));
      expect(en.message).toMatch(/^Cannot query field "projectChangd" on type "Subscription"\./);
    });

    it('closes a socket without a token with the refusal in its language', async () => {
      const closeOf = async (c: Client) =>
        new Promise<{ code: number; reason: string }>((resolve) => c.on('closed', (e) => resolve(e as { code: number; reason: string })));
      expect(await closeOf(client({ token: null }))).toMatchObject({ code: 4403, reason: TOKEN_REJECTIONS.TOKEN_MISSING.zh });
      expect(await closeOf(client({ token: null, params: { language: 'en' } }))).toMatchObject({
        code: 4403,
        reason: TOKEN_REJECTIONS.TOKEN_MISSING.en,
      });
    });
  });
});
