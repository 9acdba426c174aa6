import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Message } from '../language/message';
import { describedTerm } from './described-term';

/**
 * A variable that did not coerce (a form's amount typed as "abc", a required field left out, a
 * stage the API does not know), said the way an officer reads a form: the field by its Chinese
 * name and what it must be (`当月完成投资 须为以万元计的非负十进制字符串…；实际为 "abc"`), instead of
 * graphql-js's `Variable "$input" got invalid value "abc" at "input.completedInvestmentWan"; …`.
 * The field's path stays in `extensions.field` (the form puts the message under that field); for a
 * missing or unknown field it is that field's own path, not its parent's.
 *
 * The Chinese name is the term the field's description gives in parentheses, as the inputs of
 * this API write it (`Investment completed in the month (当月完成投资), 万元.`): the first
 * parenthesis that begins with a Chinese term, up to a comma or semicolon (`(项目代码, GB/T 40058-2021)`).
 * A field without one is named as the API spells it.
 */
export interface VariableProblem {
  /** Dotted path of the input field at fault, as the services write it: `input.targetsWan.2`. */
  readonly field: string;
  /** The message for a Chinese reader; undefined when no field of an input is at fault (a bare `$period`). */
  readonly zh: string | undefined;
}

/** graphql-js 16: `Variable "$input" got invalid value <value>[ at "input.a.b[2]"]; <why>`. */
const VARIABLE_ERROR = /^Variable "\$([^"]+)" got invalid value (.+?)(?: at "([^"]+)")?; (.+)$/s;

const segmentsOf = (path: string): string[] => path.replace(/\[(\d+)\]/g, '.$1').split('.');

interface Located {
  /** Chinese name of the field at the end of the path, or its API name. */
  readonly label: string;
  /** Its type's name (`Wan`, `ProjectStage`): the scalar messages begin with it. */
  readonly typeName: string | undefined;
}

/** Follows `segments` (after the variable's name) from the variable's type to the field they end on. */
function locate(type: GraphQLInputType | undefined, segments: readonly string[]): Located | undefined {
  let label: string | undefined;
  let current = type;
  for (const segment of segments) {
    if (!current) return undefined;
    const nullable = getNullableType(current);
    if (/^\d+$/.test(segment) && isListType(nullable)) {
      current = nullable.ofType as GraphQLInputType;
      label = label ? `${label}第 ${Number(segment) + 1} 项` : undefined;
      continue;
    }
    if (!isInputObjectType(nullable)) return undefined;
    const field = nullable.getFields()[segment];
    if (!field) return { label: segment, typeName: undefined };
    label = describedTerm(field.description) ?? segment;
    current = field.type;
  }
  return label === undefined ? undefined : { label, typeName: current ? getNamedType(current).name : undefined };
}

/** What graphql-js or a scalar of this server says is wrong with a value, after the field's name. */
function whatIsWrong(why: string, value: string, typeName: string | undefined, inner: Message | undefined): string {
  // A scalar of this server (Wan, Period, LocalDate...) says it in Chinese already, beginning with its own name.
  if (inner && why.startsWith(inner.en)) {
    return typeName && inner.zh.startsWith(`${typeName} `) ? ` ${inner.zh.slice(typeName.length + 1)}` : `：${inner.zh}`;
  }
  const builtIn: readonly (readonly [RegExp, (got: string) => string])[] = [
    [/^Int cannot represent non-integer value: (.+)$/s, (got) => ` 须为整数，实际为 ${got}`],
    [/^Int cannot represent non 32-bit signed integer value: (.+)$/s, (got) => ` 超出允许的范围，实际为 ${got}`],
    [/^Float cannot represent non numeric value: (.+)$/s, (got) => ` 须为数字，实际为 ${got}`],
    [/^String cannot represent a non string value: (.+)$/s, (got) => ` 须为文字，实际为 ${got}`],
    [/^Boolean cannot represent a non boolean value: (.+)$/s, (got) => ` 须为 true（是）或 false（否），实际为 ${got}`],
    [/^ID cannot represent (?:a non-string and non-integer )?value: (.+)$/s, (got) => ` 须为编号，实际为 ${got}`],
    [/^Value (".+?") does not exist in ".+?" enum\./s, (got) => ` 没有 ${got} 这一选项`],
    [/^Enum ".+?" cannot represent non-(?:enum|string) value: (.+)\.$/s, (got) => ` 没有 ${got} 这一选项`],
    [/^Expected non-nullable type ".+?" not to be null\.$/, () => ' 不能为空'],
    [/^Expected type ".+?" to be an object\.$/, () => ` 须为一组字段（对象），实际为 ${value}`],
  ];
  for (const [pattern, say] of builtIn) {
    const match = pattern.exec(why);
    if (match) return say(match[1] ?? value);
  }
  return ` 的值 ${value} 无效`;
}

/**
 * The field at fault and the Chinese message of a variable coercion error, or undefined for any
 * other error. `inner` is this server's own message the error wraps (a scalar's refusal).
 */
export function variableProblem(schema: GraphQLSchema, error: GraphQLError, inner: Message | undefined): VariableProblem | undefined {
  const match = VARIABLE_ERROR.exec(error.message);
  if (!match) return undefined;
  const [, variable = '', value = '', at, why = ''] = match;
  const definition = error.nodes?.[0];
  const type =
    definition?.kind === Kind.VARIABLE_DEFINITION ? (typeFromAST(schema, definition.type) as GraphQLInputType | undefined) : undefined;
  const path = at ?? variable;
  // A required field left out, or one the input does not have: the fault is that field, below the object graphql-js names.
  const child = /^Field "([^"]+)" (?:of required type "[^"]+" was not provided|is not defined by type "[^"]+")\./.exec(why);
  if (child?.[1]) {
    const field = `${path}.${child[1]}`;
    const located = locate(type, segmentsOf(field).slice(1));
    const missing = why.includes('was not provided');
    return {
      field: field.replace(/\[(\d+)\]/g, '.$1'),
      zh: missing ? `${located?.label ?? child[1]} 为必填项，不能省略` : `不认识的输入项 "${child[1]}"：请删去或检查拼写`,
    };
  }
  const field = path.replace(/\[(\d+)\]/g, '.$1');
  const located = at ? locate(type, segmentsOf(at).slice(1)) : undefined;
  return { field, zh: located ? `${located.label}${whatIsWrong(why, value, located.typeName, inner)}` : undefined };
}
