import { getNullableType, isEnumType, isListType, isObjectType, isScalarType, GraphQLBoolean, type GraphQLOutputType } from 'graphql';

/**
 * A column's value, as the database writes it into JSON (`to_jsonb(row)`, numbers through
 * `kp_change_text`), turned into the text the API writes for a field of `type`: what an integrator
 * reading a change (the audit trail, a live event) compares with what the field itself answers.
 *
 * The field's own scalar does the formatting, so the two cannot drift: a `Period` column (`date`,
 * the month's first day) reads `2026-11`, a `LocalDate` `2026-11-05`, a `DateTimeISO` (a
 * timestamptz in the session's zone, microseconds) `2026-11-05T02:03:04.567Z`, `Wan` without
 * trailing zeros, an enum by its name. A list (a Postgres array) is a JSON array of such texts. A
 * reference to another record (an object type) is that record's key as stored: its id, a tenant's
 * code. Text a scalar refuses is returned unchanged rather than lost: the trail shows what was stored.
 */
export function apiText(type: GraphQLOutputType, text: string | null): string | null {
  if (text === null) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = parseJsonArray(text);
    if (!items) return text;
    const itemType = nullable.ofType as GraphQLOutputType;
    return JSON.stringify(
      items.map((item) =>
        // An object of the list (a plan's funding source) is already in the API's shape: kept as it is, not quoted.
        item === null || (typeof item === 'object' && isObjectType(getNullableType(itemType)))
          ? item
          : apiText(itemType, typeof item === 'string' ? item : JSON.stringify(item)),
      ),
    );
  }
  // Boolean's serialize refuses the text "true"; the text is already the API's spelling.
  if ((!isScalarType(nullable) && !isEnumType(nullable)) || nullable === GraphQLBoolean) return text;
  try {
    const written: unknown = nullable.serialize(text);
    return written === null || written === undefined ? text : String(written);
  } catch {
    return text;
  }
}

function parseJsonArray(text: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
