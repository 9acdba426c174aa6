/**
 * The conditions of a hand-written statement's WHERE clause, each a SQL fragment with `?` where a
 * value goes; the values are bound as `$1`, `$2` … in the order they are added (never spliced
 * into the text). For lists whose SQL is built per request, where the ORM's query builder costs
 * more CPU than the statement (see queryRows). Fragments must not use `?` for anything else.
 */
export class SqlConditions {
  private readonly fragments: string[] = [];
  private readonly values: unknown[] = [];

  /** Adds `fragment`, its `?` taking `values` in order. */
  add(fragment: string, ...values: unknown[]): this {
    let next = 0;
    this.fragments.push(
      fragment.replace(/\?/g, () => {
        if (next >= values.length) throw new Error(`more ? than values in: ${fragment}`);
        this.values.push(values[next++]);
        return `$${this.values.length}`;
      }),
    );
    if (next !== values.length) throw new Error(`more values than ? in: ${fragment}`);
    return this;
  }

  /** A copy to add more to (a page's keyset) while this one stays as it is (the count's). */
  copy(): SqlConditions {
    const copy = new SqlConditions();
    copy.fragments.push(...this.fragments);
    copy.values.push(...this.values);
    return copy;
  }

  /** `where …` (or nothing) and the values to bind. */
  get where(): string {
    return this.fragments.length > 0 ? `where ${this.fragments.join(' and ')}` : '';
  }

  get params(): readonly unknown[] {
    return this.values;
  }
}

/**
 * `column` is (`member`) or is not in the set `select` gives, written so that PostgreSQL builds the
 * set once per statement, hashes it and probes it per row: `(x in (select ...)) is true`. A plain
 * `x in (select ...)` becomes a join, planned on the set's estimated size; under a viewer's row
 * policies that estimate can be far off (5 rows for the 2,403 held-up projects of a 10,000-project
 * city), and the nested loop it chose took 1.8 s where the hashed set takes 70 ms. For a set that
 * must be built whole either way (a rule judged over every project the viewer reads); a set that a
 * join could build for a few rows only is better joined.
 */
export function hashedMembership(column: string, select: string, member = true): string {
  return `(${column} in (${select})) is ${member}`;
}
