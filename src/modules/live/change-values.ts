import type { GraphQLScalarType } from 'graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { LocalDateScalar, PeriodScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';

/**
 * The outbox keeps values as PostgreSQL wrote them (`2026-11-01` for a reporting period,
 * `...+00:00` for an instant); integrators read the API's own formats. The column's type is told by
 * its name, as the schema's naming rules make it (a test holds every column of the tables that
 * write change events to these rules): each value is written by the same scalar the API uses for
 * that field, so an event says `2026-11` where a report's `period` says `2026-11`.
 */
const SCALAR_BY_NAME: readonly [RegExp, GraphQLScalarType][] = [
  // Reporting periods are `date` columns holding the month's first day.
  [/^period$/, PeriodScalar],
  [/_on$/, LocalDateScalar],
  [/_at$/, GraphQLISODateTime],
  [/_wan$/, WanScalar],
];

/** The scalar that writes a column's values in the API, if it is not plain text. */
export function apiScalarOf(column: string): GraphQLScalarType | undefined {
  return SCALAR_BY_NAME.find(([name]) => name.test(column))?.[1];
}

/** A value as the API writes it; a value the scalar cannot read stays as stored rather than losing the event. */
export function apiValue(column: string, value: string | null): string | null {
  const scalar = apiScalarOf(column);
  if (value === null || !scalar) return value;
  try {
    return String(scalar.serialize(value));
  } catch {
    return value;
  }
}

export type ChangedValues = Readonly<Record<string, { before: string | null; after: string | null }>>;

/** Every value of an event's `changes` in the API's format. */
export function apiChanges(changes: ChangedValues): ChangedValues {
  const result: Record<string, { before: string | null; after: string | null }> = {};
  for (const [column, { before, after }] of Object.entries(changes)) {
    result[column] = { before: apiValue(column, before), after: apiValue(column, after) };
  }
  return result;
}
