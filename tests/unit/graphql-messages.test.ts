import { getVariableValues, GraphQLError, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { requestErrorMessage } from '../../src/language/graphql-messages';
import { createSchema } from '../../src/schema';

/**
 * The messages graphql-js writes, produced by graphql-js itself against the API's schema, so that
 * a change of its wording fails here rather than silently falling back to the lead-in.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

const validationMessages = (query: string): string[] => validate(schema, parse(query)).map((e) => e.message);

function variableMessages(query: string, variables: Record<string, unknown>): string[] {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return 'errors' in result ? result.errors!.map((e) => e.message) : [];
}

function parseMessage(query: string): string {
  try {
    parse(query, { maxTokens: 50 });
  } catch (error) {
    return (error as GraphQLError).message;
  }
  throw new Error('the document parsed');
}

describe("graphql-js's request errors in Chinese", () => {
  it.each([
    [
      'an unknown field, with its suggestions',
      () => validationMessages('{ tenantt(code: "371400") { name } }')[0]!,
      '类型 Query 没有字段 "tenantt"。是否指 "tenant" 或 "tenants"？',
    ],
    ['a missing argument', () => validationMessages('{ tenant { name } }')[0]!, '字段 tenant 缺少必填参数 code（类型 String!）。'],
    [
      'an unknown argument',
      () => validationMessages('{ tenant(code: "371400", kode: 1) { name } }')[0]!,
      '字段 Query.tenant 没有参数 "kode"。是否指 "code"？',
    ],
    [
      'a value of the wrong type written inline',
      () => validationMessages('{ tenants(includeRetired: "yes") { name } }')[0]!,
      'Boolean 须为 true 或 false，实际为 "yes"',
    ],
    [
      'a missing selection of subfields',
      () => validationMessages('{ tenant(code: "371400") }')[0]!,
      '字段 tenant 的类型为 Tenant!，须选择其下的字段。是否指 "tenant { ... }"？',
    ],
    [
      'a selection on a leaf',
      () => validationMessages('{ tenant(code: "371400") { name { x } } }')[0]!,
      '字段 name 的类型 String! 没有子字段，不能再选择字段。',
    ],
    ['an undefined variable', () => validationMessages('{ tenant(code: $code) { name } }')[0]!, '变量 $code 未定义。'],
    [
      'a variable of the wrong type',
      () => variableMessages('query($y: Int) { tenants { name } }', { y: 'x' })[0]!,
      '变量 $y 的值 "x" 无效：Int 须为整数，实际为 "x"',
    ],
    [
      'a missing variable',
      () => variableMessages('query($code: String!) { tenant(code: $code) { name } }', {})[0]!,
      '缺少必填变量 $code（类型 String!）。',
    ],
    [
      'a null for a required variable',
      () => variableMessages('query($code: String!) { tenant(code: $code) { name } }', { code: null })[0]!,
      '变量 $code（类型 String!）不能为 null。',
    ],
    [
      'an unknown enum value in a variable',
      () => variableMessages('query($o: TenantOrder) { tenants(orderBy: $o) { name } }', { o: 'PINYIN' })[0]!,
      '变量 $o 的值 "PINYIN" 无效：枚举 TenantOrder 中没有值 "PINYIN"。',
    ],
    ['a syntax error', () => parseMessage('{ tenant(code: "371400") { name }'), '语法错误：此处应为 Name，实际为 <EOF>。'],
    ['too many tokens', () => parseMessage(`{ ${'a '.repeat(60)} }`), '语法错误：文档超过 50 个词法单元，已停止解析：请精简查询。'],
  ])('translates %s', (_, message, chinese) => {
    const english = message();
    expect(requestErrorMessage(english, 'GRAPHQL_VALIDATION_FAILED', 'zh')).toBe(chinese);
    expect(requestErrorMessage(english, 'GRAPHQL_VALIDATION_FAILED', 'en')).toBe(english);
  });

  it.each([
    [
      'POST body missing, invalid Content-Type, or JSON object has no keys.',
      '请求体缺失、Content-Type 不正确或 JSON 对象为空：请以 application/json 发送 {"query": "…"}。',
    ],
    ['GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.', '请求须包含非空的 query。'],
    ['`variables` in a POST body must be an object if provided.', 'variables 须为 JSON 对象。'],
    [
      'GET requests only support query operations, not mutation operations',
      'GET 请求只能执行查询（query），不能执行 mutation：请改用 POST。',
    ],
    ['Must provide operation name if query contains multiple operations.', '文档含多个操作时，须用 operationName 指明要执行的操作。'],
    ['Unknown operation named "Nope".', '文档中没有名为 "Nope" 的操作。'],
  ])("translates Apollo Server's %s", (english, chinese) => {
    expect(requestErrorMessage(english, 'BAD_REQUEST', 'zh')).toBe(chinese);
  });

  it('leads any other message in with a Chinese sentence naming its kind, keeping the English after it', () => {
    expect(requestErrorMessage('Something graphql-js says one day.', 'GRAPHQL_VALIDATION_FAILED', 'zh')).toBe(
      'GraphQL 查询无效：Something graphql-js says one day.',
    );
    expect(requestErrorMessage('Something else.', 'BAD_REQUEST', 'zh')).toBe('请求无效：Something else.');
    expect(requestErrorMessage('Something else.', 'UNKNOWN_CODE', 'zh')).toBe('请求有误：Something else.');
  });

  it("puts this server's own text, wrapped by graphql-js, in the reader's language", () => {
    const inner = { zh: 'Period 须为 YYYY-MM 格式的月份，实际为 "2026-13"', en: 'Period must be a month written YYYY-MM, got "2026-13"' };
    const english = `Variable "$p" got invalid value "2026-13"; ${inner.en}`;
    expect(requestErrorMessage(english, 'BAD_USER_INPUT', 'zh', inner)).toBe(`变量 $p 的值 "2026-13" 无效：${inner.zh}`);
    expect(requestErrorMessage(english, 'BAD_USER_INPUT', 'en', inner)).toBe(english);
  });
});
