import {
  defaultFieldResolver,
  GraphQLSchema,
  getNullableType,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputType,
} from 'graphql';
import { LocalDateScalar, PeriodScalar } from '../calendar/calendar.scalars';
import { dateRangeProblem, FIRST_INPUT_YEAR, LAST_INPUT_YEAR, periodRangeProblem } from '../calendar/input-range';
import { describedTerm } from '../errors/described-term';
import { fieldLabel, fieldProblem, InputProblems, type FieldLabel } from '../errors/input-problems';
import type { Message } from '../language/message';
import { MAX_INPUT_WAN, wanRangeProblem } from '../money/wan';
import { WanScalar } from '../money/wan.scalar';
import { MAX_TEXT_LENGTH, textProblem } from './text-input';

/** `field` is the place as the services write it (`input.annualPlans.0.year`), `label` how a message names it. */
type LeafCheck = (value: unknown, field: string, label: FieldLabel, problems: InputProblems) => void;

const checkText: LeafCheck = (value, field, label, problems) => {
  if (typeof value !== 'string') return;
  const problem = textProblem(value, label);
  if (problem) problems.add(field, problem);
};

/** A check from what is wrong with a value (`must be ...`), for a value its scalar has already parsed. */
const ranged =
  <T>(problemWith: (value: T) => Message | undefined): LeafCheck =>
  (value, field, label, problems) => {
    const problem = problemWith(value as T);
    if (problem) problems.add(field, fieldProblem(label, problem));
  };

/**
 * The rules a value of these types obeys wherever it is sent, beyond its scalar's format: text
 * (text-input.ts), the calendar's range (calendar/input-range.ts) and the largest amount
 * (money/wan.ts). They run on the coerced value, so an inline literal and a variable are judged
 * alike, both BAD_USER_INPUT.
 */
const LEAF_CHECKS: ReadonlyMap<string, LeafCheck> = new Map<string, LeafCheck>([
  [GraphQLString.name, checkText],
  [GraphQLID.name, checkText],
  [PeriodScalar.name, ranged(periodRangeProblem)],
  [LocalDateScalar.name, ranged(dateRangeProblem)],
  [WanScalar.name, ranged(wanRangeProblem)],
]);

/** Whether a value of `type` can hold anything LEAF_CHECKS looks at. */
function isChecked(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const inner = getNullableType(type);
  if (isListType(inner)) return isChecked(inner.ofType, seen);
  if (isScalarType(inner)) return LEAF_CHECKS.has(inner.name);
  if (!isInputObjectType(inner) || seen.has(inner.name)) return false;
  seen.add(inner.name);
  return Object.values(inner.getFields()).some((f) => isChecked(f.type, seen));
}

/**
 * How a message names the place: the Chinese term of the field's description (`(督办要求)`), an
 * item of a list by its position under its list's name (`年度计划投资第 2 项`), or, for a field
 * whose description gives no term, its API name. The API path stays in `en` and in the problem's field.
 */
const labelOf = (description: string | null | undefined, name: string): string => describedTerm(description) ?? name;

/** Walks a coerced value with its type, naming each place as the services do: `input.annualPlans.0.year`. */
function walk(type: GraphQLInputType, value: unknown, field: string, label: string, problems: InputProblems): void {
  if (value === null || value === undefined) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(inner.ofType, item, `${field}.${i}`, `${label}第 ${i + 1} 项`, problems));
  } else if (isInputObjectType(inner)) {
    const fields = inner.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const def = fields[name];
      if (def) walk(def.type, item, `${field}.${name}`, labelOf(def.description, name), problems);
    }
  } else if (isScalarType(inner)) {
    LEAF_CHECKS.get(inner.name)?.(value, field, fieldLabel(label, field), problems);
  }
}

function checkArguments(defs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  const problems = new InputProblems();
  for (const def of defs) walk(def.type, args[def.name], def.name, labelOf(def.description, def.name), problems);
  problems.throwIfAny();
}

/** The rules, for integrators: the schema's own description (`__schema { description }`, the SDL's `schema`). */
export const ARGUMENT_RULES =
  'Key projects (重点项目) of city, county and town governments. Rules every argument follows, whatever the field; ' +
  'a value that breaks one is refused with BAD_USER_INPUT naming its place in `extensions.field` (e.g. `input.subject`):\n' +
  `- Text (\`String\`, \`ID\`): at most ${MAX_TEXT_LENGTH.toLocaleString('en')} characters (fields may say less); no control characters but tab, ` +
  'line feed and carriage return (none of U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+007F-U+009F), no lone surrogates ' +
  '(well-formed Unicode only) and no noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF and their like in every plane). ' +
  'Chinese, emoji and punctuation are kept exactly as sent.\n' +
  `- \`LocalDate\`: from ${FIRST_INPUT_YEAR}-01-01 to ${LAST_INPUT_YEAR}-12-31; a field may narrow it (e.g. not in the future).\n` +
  `- \`Period\`: from ${FIRST_INPUT_YEAR}-01 to the current month (China Standard Time); a month still to come has no figures.\n` +
  `- Years (\`year\`): from ${FIRST_INPUT_YEAR} to ${LAST_INPUT_YEAR} for plans and yearly lists, to the current year for completed figures and reports.\n` +
  `- \`Wan\`: at most ${MAX_INPUT_WAN} 万元 (about 10 trillion yuan), so that the totals of a city's projects never overflow.`;

/**
 * Applies the rules every argument obeys to every field that takes one: each such field's
 * resolver (and a subscription's `subscribe`) first checks its arguments and refuses bad ones
 * with BAD_USER_INPUT naming the place (`input.subject`), so no field can forget them and nothing
 * bad reaches a service or PostgreSQL. Fields without such arguments are left untouched, at no
 * cost to the fields of a large list. Returns the schema described with ARGUMENT_RULES.
 */
export function withArgumentChecks(built: GraphQLSchema): GraphQLSchema {
  const schema = new GraphQLSchema({ ...built.toConfig(), description: ARGUMENT_RULES });
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const defs = field.args.filter((arg) => isChecked(arg.type));
      if (defs.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        checkArguments(defs, args);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, context, info) => {
          checkArguments(defs, args);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
