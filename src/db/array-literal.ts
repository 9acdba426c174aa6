/**
 * A PostgreSQL array literal of texts (tenant codes, enum names), to bind as one `?::text[]` (or
 * `?::varchar[]`, `?::<enum>[]`) parameter: MikroORM's raw `execute` would otherwise spread a JS
 * array into a list of parameters. Each element is quoted, so a comma or brace in a value stays in it.
 */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
