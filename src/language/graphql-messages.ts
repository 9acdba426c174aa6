import type { Language } from './language';
import type { Message } from './message';

/**
 * graphql-js and Apollo Server write their request errors (a document that does not parse or
 * validate, a variable that does not coerce, a body that is not GraphQL) in English. The ones a
 * client meets in practice are translated here; any other gets a Chinese lead-in naming its kind,
 * followed by the English text, so a Chinese reader always learns what went wrong and where. Names
 * from the document (fields, types, variables, values) are quoted as the client wrote them.
 */

type Translate = (parts: string[], inner: (text: string) => string) => string;

/** What the parser says after "Syntax Error: ". */
const SYNTAX_DETAILS: readonly (readonly [RegExp, (parts: string[]) => string])[] = [
  [/^Expected (.+?), found (.+)\.$/s, ([expected, found]) => `此处应为 ${expected}，实际为 ${found}。`],
  [/^Unexpected (.+)\.$/s, ([found]) => `意外的 ${found}。`],
  [/^Unterminated string\.$/, () => '字符串缺少结尾的引号。'],
  [/^Document contains more that (\d+) tokens\. Parsing aborted\.$/, ([max]) => `文档超过 ${max} 个词法单元，已停止解析：请精简查询。`],
  [/^Cannot parse the unexpected character (.+)\.$/, ([char]) => `无法解析意外的字符 ${char}。`],
  [/^Invalid number, (.+)\.$/, ([why]) => `数字格式无效（${why}）。`],
];

function syntaxDetail(detail: string): string {
  for (const [pattern, translate] of SYNTAX_DETAILS) {
    const match = pattern.exec(detail);
    if (match) return translate(match.slice(1));
  }
  return detail;
}

/** Each message as graphql-js 16 and Apollo Server 5 write it, without a trailing suggestion. */
const TRANSLATIONS: readonly (readonly [RegExp, Translate])[] = [
  [/^Syntax Error: (.*)$/s, ([detail]) => `语法错误：${syntaxDetail(detail!)}`],
  // Validation
  [/^Cannot query field "(.+?)" on type "(.+?)"\.$/, ([field, type]) => `类型 ${type} 没有字段 "${field}"。`],
  [/^Unknown argument "(.+?)" on field "(.+?)"\.$/, ([arg, field]) => `字段 ${field} 没有参数 "${arg}"。`],
  [/^Unknown argument "(.+?)" on directive "(.+?)"\.$/, ([arg, directive]) => `指令 ${directive} 没有参数 "${arg}"。`],
  [
    /^Field "(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\.$/,
    ([field, arg, type]) => `字段 ${field} 缺少必填参数 ${arg}（类型 ${type}）。`,
  ],
  [
    /^Directive "(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\.$/,
    ([directive, arg, type]) => `指令 ${directive} 缺少必填参数 ${arg}（类型 ${type}）。`,
  ],
  [/^Argument "(.+?)" of required type "(.+?)" was not provided\.$/, ([arg, type]) => `缺少必填参数 ${arg}（类型 ${type}）。`],
  [/^Field "(.+?)" of required type "(.+?)" was not provided\.$/, ([field, type]) => `缺少必填的输入字段 ${field}（类型 ${type}）。`],
  [/^Field "(.+?)" is not defined by type "(.+?)"\.$/, ([field, type]) => `输入类型 ${type} 没有字段 "${field}"。`],
  [
    /^Expected value of type "(.+?)", found (.+?); (.+)$/s,
    ([type, found, why], inner) => `应为 ${type} 类型的值，实际为 ${found}：${inner(why!)}`,
  ],
  [/^Expected value of type "(.+?)", found (.+)\.$/s, ([type, found]) => `应为 ${type} 类型的值，实际为 ${found}。`],
  [/^Enum "(.+?)" cannot represent non-enum value: (.+)\.$/s, ([type, value]) => `枚举 ${type} 中没有值 ${value}。`],
  [/^Enum "(.+?)" cannot represent non-string value: (.+)\.$/s, ([type, value]) => `枚举 ${type} 的值须为字符串，实际为 ${value}。`],
  [/^Value "(.+?)" does not exist in "(.+?)" enum\.$/s, ([value, type]) => `枚举 ${type} 中没有值 "${value}"。`],
  [/^Int cannot represent non-integer value: (.+)$/s, ([value]) => `Int 须为整数，实际为 ${value}`],
  [/^Int cannot represent non 32-bit signed integer value: (.+)$/s, ([value]) => `Int 须在 32 位有符号整数范围内，实际为 ${value}`],
  [/^Float cannot represent non numeric value: (.+)$/s, ([value]) => `Float 须为数字，实际为 ${value}`],
  [/^String cannot represent a non string value: (.+)$/s, ([value]) => `String 须为字符串，实际为 ${value}`],
  [/^Boolean cannot represent a non boolean value: (.+)$/s, ([value]) => `Boolean 须为 true 或 false，实际为 ${value}`],
  [/^ID cannot represent (?:a non-string and non-integer )?value: (.+)$/s, ([value]) => `ID 须为字符串或整数，实际为 ${value}`],
  [
    /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields\.$/,
    ([field, type]) => `字段 ${field} 的类型 ${type} 没有子字段，不能再选择字段。`,
  ],
  [
    /^Field "(.+?)" of type "(.+?)" must have a selection of subfields\.$/,
    ([field, type]) => `字段 ${field} 的类型为 ${type}，须选择其下的字段。`,
  ],
  [/^Unknown type "(.+?)"\.$/, ([type]) => `未知类型 "${type}"。`],
  [/^Variable "\$(.+?)" is not defined(?: by operation "(.+?)")?\.$/, ([name]) => `变量 $${name} 未定义。`],
  [/^Variable "\$(.+?)" is never used(?: in operation "(.+?)")?\.$/, ([name]) => `变量 $${name} 未被使用。`],
  [
    /^Variable "\$(.+?)" of type "(.+?)" used in position expecting type "(.+?)"\.$/,
    ([name, type, expected]) => `变量 $${name} 的类型为 ${type}，此处需要 ${expected}。`,
  ],
  [/^Variable "\$(.+?)" cannot be non-input type "(.+?)"\.$/, ([name, type]) => `变量 $${name} 不能使用非输入类型 ${type}。`],
  [/^There can be only one variable named "\$(.+?)"\.$/, ([name]) => `变量 $${name} 重复定义。`],
  [/^There can be only one argument named "(.+?)"\.$/, ([name]) => `参数 "${name}" 重复。`],
  [/^There can be only one input field named "(.+?)"\.$/, ([name]) => `输入字段 "${name}" 重复。`],
  [/^There can be only one operation named "(.+?)"\.$/, ([name]) => `只能有一个名为 "${name}" 的操作。`],
  [/^There can be only one fragment named "(.+?)"\.$/, ([name]) => `只能有一个名为 "${name}" 的片段。`],
  [/^Unknown fragment "(.+?)"\.$/, ([name]) => `未知片段 "${name}"。`],
  [/^Fragment "(.+?)" is never used\.$/, ([name]) => `片段 "${name}" 未被使用。`],
  [/^Cannot spread fragment "(.+?)" within itself.*$/s, ([name]) => `片段 "${name}" 不能引用自身。`],
  [/^Unknown directive "(.+?)"\.$/, ([name]) => `未知指令 "${name}"。`],
  [/^The directive "(.+?)" can only be used once at this location\.$/, ([name]) => `指令 ${name} 在此处只能使用一次。`],
  [/^Directive "(.+?)" may not be used on (.+?)\.$/, ([name, where]) => `指令 ${name} 不能用于 ${where}。`],
  [/^This anonymous operation must be the only defined operation\.$/, () => '匿名操作须是文档中唯一的操作。'],
  [/^(?:Anonymous Subscription|Subscription "(.+?)") must select only one top level field\.$/, () => '订阅只能选择一个顶层字段。'],
  [
    /^Fields "(.+?)" conflict because (.+)\. Use different aliases on the fields to fetch both if this was intentional\.$/s,
    ([field, why]) => `字段 "${field}" 有冲突（${why}）：如需同时获取，请使用不同的别名。`,
  ],
  [/^GraphQL introspection is not allowed\b.*$/s, () => '此服务未开放内省查询（__schema、__type）。'],
  // Variables
  [
    /^Variable "\$(.+?)" got invalid value (.+?) at "(.+?)"; (.+)$/s,
    ([name, value, at, why], inner) => `变量 $${name} 在 ${at} 处的值 ${value} 无效：${inner(why!)}`,
  ],
  [
    /^Variable "\$(.+?)" got invalid value (.+?); (.+)$/s,
    ([name, value, why], inner) => `变量 $${name} 的值 ${value} 无效：${inner(why!)}`,
  ],
  [/^Variable "\$(.+?)" of required type "(.+?)" was not provided\.$/, ([name, type]) => `缺少必填变量 $${name}（类型 ${type}）。`],
  [/^Variable "\$(.+?)" of non-null type "(.+?)" must not be null\.$/, ([name, type]) => `变量 $${name}（类型 ${type}）不能为 null。`],
  [/^Expected type "(.+?)" to be an object\.$/, ([type]) => `应为 ${type} 类型的对象。`],
  [/^Expected non-nullable type "(.+?)" not to be null\.$/, ([type]) => `类型 ${type} 不能为 null。`],
  [/^Expected type "(.+?)"\. (.+)$/s, ([type, why]) => `应为 ${type} 类型：${why}`],
  // Apollo Server: requests that are not GraphQL
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    () => '请求体缺失、Content-Type 不正确或 JSON 对象为空：请以 application/json 发送 {"query": "…"}。',
  ],
  [/^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/, () => '请求须包含非空的 query。'],
  [/^GraphQL queries must be strings\..*$/s, () => 'query 须为字符串。'],
  [
    /^`(\w+)` in a POST body should be provided as an object, not a recursively JSON-encoded string\.$/,
    ([name]) => `${name} 须为 JSON 对象，而不是再次编码的 JSON 字符串。`,
  ],
  [/^`(\w+)` in a POST body must be an object if provided\.$/, ([name]) => `${name} 须为 JSON 对象。`],
  [/^`operationName` in a POST body must be a string if provided\.$/, () => 'operationName 须为字符串。'],
  [/^The '(.+?)' search parameter may only be specified once\.$/, ([name]) => `查询参数 ${name} 只能出现一次。`],
  [/^The (.+?) search parameter contains invalid JSON\.$/, ([name]) => `查询参数 ${name} 不是有效的 JSON。`],
  [/^The (.+?) search parameter should contain a JSON-encoded object\.$/, ([name]) => `查询参数 ${name} 须为 JSON 编码的对象。`],
  [
    /^GET requests only support query operations, not (.+?) operations$/,
    ([kind]) => `GET 请求只能执行查询（query），不能执行 ${kind}：请改用 POST。`,
  ],
  [
    /^GET requests may not have a content-type header other than application\/json\.$/,
    () => 'GET 请求的 Content-Type 只能是 application/json。',
  ],
  [/^Operation batching disabled\.$/, () => '未开启批量请求：每个请求只发送一个操作。'],
  [/^No operations found in request\.$/, () => '请求中没有操作。'],
  [
    /^An 'accept' header was provided for this request which does not accept (.+?) or (.+)$/,
    ([a, b]) => `请求头 Accept 既不接受 ${a}，也不接受 ${b}。`,
  ],
  [/^Apollo Server supports only GET\/POST requests\.$/, () => '只支持 GET 和 POST 请求。'],
  // Choosing the operation
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    () => '文档含多个操作时，须用 operationName 指明要执行的操作。',
  ],
  [/^Unknown operation named "(.+?)"\.$/, ([name]) => `文档中没有名为 "${name}" 的操作。`],
  [/^Must provide an operation\.$/, () => '文档中没有可执行的操作。'],
];

/** The lead-in for a message no translation matches, by the error's code. */
const LEAD_INS: Readonly<Record<string, string>> = {
  GRAPHQL_PARSE_FAILED: 'GraphQL 语法错误：',
  GRAPHQL_VALIDATION_FAILED: 'GraphQL 查询无效：',
  BAD_USER_INPUT: '输入有误：',
  BAD_REQUEST: '请求无效：',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作：',
};
const DEFAULT_LEAD_IN = '请求有误：';

/** graphql-js's " Did you mean ...?" ending: `"a", "b", or "c"` -> `"a"、"b" 或 "c"`. */
function suggestionIn(text: string): string {
  const inlineFragment = /^to use an inline fragment on (.+)$/.exec(text);
  if (inlineFragment) return `是否要对 ${inlineFragment[1]} 使用内联片段？`;
  const enumValue = /^the enum value (.+)$/.exec(text);
  if (enumValue) return `是否指枚举值 ${enumValue[1]}？`;
  return `是否指 ${text.replace(/,? or /, ' 或 ').replace(/, /g, '、')}？`;
}

function translated(text: string, inner: Message | undefined): string | undefined {
  if (inner && text === inner.en) return inner.zh;
  const suggestion = / Did you mean (.+)\?$/s.exec(text);
  const body = suggestion ? text.slice(0, suggestion.index) : text;
  const nested = (part: string): string => translated(part, inner) ?? part;
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(body);
    if (match) return translate(match.slice(1), nested) + (suggestion ? suggestionIn(suggestion[1]!) : '');
  }
  return undefined;
}

/**
 * A request error's message (code GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT,
 * BAD_REQUEST, OPERATION_RESOLUTION_FAILURE) in `language`. `inner` is the text of this server's
 * own error it wraps, if any (a scalar's or a limit's), written in English inside the message.
 */
export function requestErrorMessage(message: string, code: string, language: Language, inner?: Message): string {
  if (language === 'en') return message;
  return translated(message, inner) ?? `${LEAD_INS[code] ?? DEFAULT_LEAD_IN}${message}`;
}
