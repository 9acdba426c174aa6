import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Builds operations for the hostile-input property test from an introspected schema: for each
 * field with arguments, every argument filled with a plausible value (so the request reaches the
 * service and the database) except one leaf, which gets a hostile value for its type.
 */

/** An enum value: a bare name inline, a string in variables. */
export class EnumName {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** Plausible values for the arguments the hostile one rides along with. */
export interface Baselines {
  /** A real id for an `ID` argument, from its name and the type the field returns. */
  id(argName: string, returnType: string, fieldName: string): string;
  tenantCode: string;
  townCode: string;
  today: string;
  period: string;
  year: number;
}

/** A field with arguments and how to reach it from the root: the fields above it, with their arguments. */
export interface Target {
  readonly operation: 'query' | 'mutation';
  readonly above: readonly GraphQLField<unknown, unknown>[];
  readonly field: GraphQLField<unknown, unknown>;
  readonly name: string;
}

/** Where the hostile value goes: an argument, then input fields and list positions. */
export type LeafPath = readonly (string | number)[];

/** Every field with arguments: the mutations, the queries, and fields below the queries (one path each). */
export function targetsOf(schema: GraphQLSchema): Target[] {
  const targets: Target[] = [];
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    targets.push({ operation: 'mutation', above: [], field, name: `Mutation.${field.name}` });
  }
  const query = schema.getQueryType()!;
  // Breadth first: the shortest way to each object type.
  const reached = new Map<string, GraphQLField<unknown, unknown>[]>([[query.name, []]]);
  const queue: GraphQLObjectType[] = [query];
  while (queue.length > 0) {
    const type = queue.shift()!;
    const above = reached.get(type.name)!;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length > 0) targets.push({ operation: 'query', above, field, name: `${type.name}.${field.name}` });
      const named = getNamedType(field.type);
      if (isObjectType(named) && !reached.has(named.name) && !named.name.startsWith('__')) {
        reached.set(named.name, [...above, field]);
        queue.push(named);
      }
    }
  }
  return targets;
}

/** Every place in a field's arguments a value can go: each argument, input field and list element. */
export function leavesOf(field: GraphQLField<unknown, unknown>): LeafPath[] {
  const leaves: LeafPath[] = [];
  const walk = (type: GraphQLInputType, path: LeafPath, depth: number): void => {
    leaves.push(path);
    if (depth > 4) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) walk(inner.ofType, [...path, 0], depth + 1);
    else if (isInputObjectType(inner)) {
      for (const f of Object.values(inner.getFields())) walk(f.type, [...path, f.name], depth + 1);
    }
  };
  for (const arg of field.args) walk(arg.type, [arg.name], 0);
  return leaves;
}

/** The type at a leaf path. */
export function typeAt(field: GraphQLField<unknown, unknown>, path: LeafPath): GraphQLInputType {
  let type: GraphQLInputType = field.args.find((a) => a.name === path[0])!.type;
  for (const step of path.slice(1)) {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (typeof step === 'number' && isListType(inner)) type = inner.ofType;
    else if (typeof step === 'string' && isInputObjectType(inner)) type = inner.getFields()[step]!.type;
    else throw new Error(`no ${String(step)} in ${String(type)}`);
  }
  return type;
}

/** A plausible value of a type, named `name`, for a field returning `returnType`. */
function baseline(type: GraphQLInputType, name: string, where: { returnType: string; fieldName: string }, b: Baselines): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [baseline(inner.ofType, name, where, b)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = baseline(f.type, f.name, where, b);
    }
    return value;
  }
  if (isEnumType(inner)) return new EnumName(inner.getValues()[0]!.name);
  switch (inner.name) {
    case 'ID':
      return b.id(name, where.returnType, where.fieldName);
    case 'Int':
      if (/year/i.test(name)) return b.year;
      if (name === 'deadlineDay') return 10;
      return 5;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'Wan':
      return '100';
    case 'LocalDate':
      return b.today;
    case 'Period':
      return b.period;
    case 'String':
      if (name === 'code' && where.returnType === 'Tenant') return b.townCode;
      if (/code$/i.test(name)) return b.tenantCode;
      if (name === 'subject') return '7d3c1a52-0b1e-4c51-9a41-100000000005';
      return '合理的文字';
    default:
      return 'x';
  }
}

/** The arguments of a target: required ones plausible, the leaf hostile (with what it sits in). */
export function argumentsFor(
  field: GraphQLField<unknown, unknown>,
  leaf: LeafPath | undefined,
  hostile: unknown,
  b: Baselines,
): Record<string, unknown> {
  const where = { returnType: getNamedType(field.type).name, fieldName: field.name };
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (leaf?.[0] === arg.name) args[arg.name] = place(arg, leaf.slice(1), hostile, where, b);
    else if (required) args[arg.name] = baseline(arg.type, arg.name, where, b);
  }
  return args;
}

function place(
  arg: GraphQLArgument,
  rest: LeafPath,
  hostile: unknown,
  where: { returnType: string; fieldName: string },
  b: Baselines,
): unknown {
  const into = (type: GraphQLInputType, name: string, path: LeafPath): unknown => {
    if (path.length === 0) return hostile;
    const inner = isNonNullType(type) ? type.ofType : type;
    const [step, ...more] = path;
    if (typeof step === 'number' && isListType(inner)) return [into(inner.ofType, name, more)];
    if (typeof step === 'string' && isInputObjectType(inner)) {
      const value = baseline(inner, name, where, b) as Record<string, unknown>;
      value[step] = into(inner.getFields()[step]!.type, step, more);
      return value;
    }
    throw new Error(`cannot place at ${String(step)}`);
  };
  return into(arg.type, arg.name, rest);
}

/** A value written inline in the document, as GraphQL literal syntax. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof EnumName) return value.name;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(', ')}}`;
}

/** The document (and variables) asking for a target with the given arguments. */
export function operationFor(
  target: Target,
  args: Record<string, unknown>,
  inline: boolean,
  b: Baselines,
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const argText = Object.entries(args).map(([name, value], i) => {
    if (inline) return `${name}: ${literal(value)}`;
    const type = target.field.args.find((a) => a.name === name)!.type;
    declarations.push(`$v${i}: ${String(type)}`);
    variables[`v${i}`] = value;
    return `${name}: $v${i}`;
  });
  const leafSelection = (field: GraphQLField<unknown, unknown>) => (isObjectType(getNamedType(field.type)) ? ' { __typename }' : '');
  let body = `${target.field.name}${argText.length ? `(${argText.join(', ')})` : ''}${leafSelection(target.field)}`;
  for (const field of [...target.above].reverse()) {
    const fieldArgs = argumentsFor(field, undefined, undefined, b);
    const text = Object.entries(fieldArgs).map(([name, value]) => `${name}: ${literal(value)}`);
    body = `${field.name}${text.length ? `(${text.join(', ')})` : ''} { ${body} }`;
  }
  const header = declarations.length ? `(${declarations.join(', ')})` : '';
  return { query: `${target.operation} Hostile${header} { ${body} }`, variables };
}

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
];
const PLAIN = ['', ' ', '  \t ', 'a', '德州市', '😀', '👨‍👩‍👧‍👦', '\u202e', '\u200b', 'é', 'ａ１', '\\', '"', "'"];
const SQL = [
  "'; drop table project; --",
  "' or '1'='1",
  '%',
  '_',
  '\\x00',
  '$1',
  '::text',
  '/*',
  ';',
  'null',
  'NULL',
  '\\u0000',
  '371400.*',
];

const text = (...parts: fc.Arbitrary<string>[]) =>
  fc.array(fc.oneof(...parts), { minLength: 1, maxLength: 6 }).map((bits) => bits.join(''));

/** NUL is what PostgreSQL refuses outright: asked for more often than the other controls. */
const control = fc.oneof(fc.constant('\u0000'), fc.constantFrom(...CONTROL));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  text(control, fc.constantFrom(...PLAIN), fc.constantFrom(...SQL), fc.string({ unit: 'binary', maxLength: 8 })),
  fc.constantFrom(...CONTROL, ...PLAIN, ...SQL),
  // Longer than any column; 300,000 characters is well inside the request body limit.
  fc.constantFrom(101, 201, 2001, 10_001, 300_000).chain((n) => fc.constantFrom('字', 'a', '😀').map((c) => c.repeat(n))),
);

const hostileInt = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    12,
    13,
    28,
    29,
    1899,
    1999,
    2000,
    2100,
    2101,
    9999,
    10000,
    2147483647,
    -2147483648,
    2147483648,
    1e308,
    1.5,
    -0.5,
  ),
  fc.integer(),
);
const hostileWan = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '-0',
    '0.00001',
    '1.23456',
    '1e5',
    '1E-3',
    '99999999999999',
    '999999999999999',
    '99999999999999.9999',
    '100000000000000',
    '00012',
    '.5',
    '5.',
    ' 1 ',
    '1,000',
    'NaN',
    'Infinity',
    '0x10',
    '١٢٣',
    '１２３',
    '+5',
  ),
  hostileString,
  fc.constantFrom(1, 1.5, -1),
);
const hostileDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2024-02-29',
    '0000-01-01',
    '0001-01-01',
    '1899-12-31',
    '1900-01-01',
    '1999-12-31',
    '2999-12-31',
    '3000-01-01',
    '9999-12-31',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '2026-12-02T00:00:00Z',
    '20261202',
    '2020-01-01',
    '2030-06-30',
    '2100-01-01',
    '2099-12-31',
    '+02026-01-01',
    '２０２６-01-01',
  ),
  hostileString,
);
const hostilePeriod = fc.oneof(
  fc.constantFrom(
    '2026-00',
    '2026-13',
    '0000-01',
    '1899-12',
    '1900-01',
    '1999-12',
    '2999-12',
    '9999-12',
    '2027-01',
    '2030-12',
    '2026-1',
    '2026-10-01',
    '202610',
    '2026/10',
    '2100-01',
  ),
  hostileString,
);
const wrongType = fc.constantFrom<unknown>(null, 0, -1, true, 'x', {}, [], { a: 1 }, [null], 1e308);

/** A short value of a type, valid or not, to repeat in a huge list. */
function shortFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((v) => new EnumName(v.name)));
  if (isInputObjectType(inner) || isListType(inner)) return fc.constantFrom({}, []);
  return fc.constantFrom<unknown>('100', '2026-10', '2026-10-01', 'x', '\u0000', 1, null);
}

/** Hostile values for a place of the given type. */
export function hostileFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    return fc.oneof(
      fc.constant([]),
      fc.constant([null]),
      fc.array(hostileFor(inner.ofType), { minLength: 1, maxLength: 3 }),
      // A huge list of one short element (a huge list of huge strings would only meet the body limit).
      fc.tuple(shortFor(inner.ofType), fc.constantFrom(13, 1000, 20_000)).map(([element, n]) => Array.from({ length: n }, () => element)),
      wrongType,
    );
  }
  if (isInputObjectType(inner)) return fc.oneof(wrongType, fc.constant({ notAField: 1 }));
  if (isEnumType(inner)) {
    const names = inner.getValues().map((v) => v.name);
    return fc.oneof(
      fc.constantFrom(...names.map((n) => new EnumName(n))),
      fc.constantFrom(new EnumName('NOT_A_VALUE'), ...names.map((n) => n.toLowerCase())),
      wrongType,
    );
  }
  if (!isScalarType(inner)) return wrongType;
  switch (inner.name) {
    case 'Int':
    case 'Float':
      return fc.oneof(hostileInt, wrongType);
    case 'Boolean':
      return wrongType;
    case 'Wan':
      return fc.oneof(hostileWan, wrongType);
    case 'LocalDate':
      return fc.oneof(hostileDate, wrongType);
    case 'Period':
      return fc.oneof(hostilePeriod, wrongType);
    default:
      return fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType });
  }
}
