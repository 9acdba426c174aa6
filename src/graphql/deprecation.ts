/**
 * A field kept for integrators who read it, under a name the API no longer uses: its deprecation
 * reason names the field to read instead, always as "Use `field`:" first, so that code (the audit
 * trail, which shows changes under the current names) can follow a rename without a second list.
 *
 * ```ts
 * @Field({ ...formerNameOf('raisedBySubject') })
 * ```
 */
export function formerNameOf(
  field: string,
  why = 'the same value, named by the scheme every who/when field follows (`…At`, `…BySubject`, `…ByName`)',
): { description: string; deprecationReason: string } {
  return { description: `Former name of \`${field}\`, with the same value.`, deprecationReason: `Use \`${field}\`: ${why}.` };
}

const RENAMED = /^Use `([_A-Za-z][_0-9A-Za-z]*)`:/;

/** The field a deprecation reason written by {@link formerNameOf} points to; undefined for any other reason. */
export function replacementIn(deprecationReason: string | null | undefined): string | undefined {
  return deprecationReason ? RENAMED.exec(deprecationReason)?.[1] : undefined;
}
