const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids from clients are checked before they reach SQL: PostgreSQL rejects a malformed uuid with an
 * error, and a malformed id is simply a record that does not exist.
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * A PostgreSQL array literal of uuids, to bind as one `?::uuid[]` parameter: MikroORM's raw
 * `execute` would otherwise spread a JS array into a list of parameters.
 */
export function uuidArrayLiteral(ids: readonly string[]): string {
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw new RangeError(`not a uuid: ${bad}`);
  return `{${ids.join(',')}}`;
}
