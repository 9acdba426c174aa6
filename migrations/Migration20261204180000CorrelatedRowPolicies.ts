import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level-security policies that said "the parent row is visible" as `project_id in (select p.id
 * from project p)` say it as `exists (select 1 from project p where p.id = <table>.project_id)`,
 * for every such membership test (`order_id`, `blocker_id`, `lead_id`, `publication_id` alike).
 *
 * Why: an uncorrelated `in (select ...)` leaves PostgreSQL one plan, a hashed set of every visible
 * parent row, built by scanning the parent table (and checking its own policy on every row) in
 * every statement that touches the child, even to read one row. Reading back one progress report
 * scanned all 3,370 projects of a grown demo city three times (4.3 ms; 0.4 ms after), and the cost
 * grew with the city: bench:api's reportProgress fell from 81 to 39 writes/s as projects were added.
 * With `exists`, PostgreSQL plans both ways and picks by the rows it expects: a look-up through the
 * parent's primary key for a few rows, the same hashed set as before for a scan of many. Which rows
 * a viewer sees does not change (a null key matched nothing before and matches nothing now).
 *
 * The policies are rewritten where they stand (their text read from the catalog), so each keeps
 * its name, command, roles and every other condition; the migration fails if it finds fewer than
 * it expects to rewrite (27 today) or leaves one behind. tests/db/row-policy-plans.test.ts keeps
 * new policies to this form.
 */
/** An uncorrelated membership test of a parent row, as PostgreSQL prints a policy (spaces folded). */
export const UNCORRELATED = String.raw`(\w+) IN \( SELECT (\w+)\.(\w+) FROM (\w+) \2\)`;
/** The same test as PostgreSQL prints it back after `up` (it puts the comparison in parentheses). */
const CORRELATED = String.raw`EXISTS \( SELECT 1 FROM (\w+) (\w+) WHERE \(\2\.(\w+) = (\w+)\.(\w+)\)\)`;

/**
 * A DO block that rewrites every policy expression matching `pattern` with `replacement` (which may
 * use `%table%` for the policy's table), then checks that none is left.
 */
function rewritePolicies(pattern: string, replacement: string, expectAtLeast: number): string {
  return `do $rewrite$
declare
  policy record;
  rewritten int := 0;
  using_expr text;
  check_expr text;
  normalized text;
begin
  for policy in
    select p.polname, c.relname,
           regexp_replace(pg_get_expr(p.polqual, p.polrelid), '\\s+', ' ', 'g') as using_expr,
           regexp_replace(pg_get_expr(p.polwithcheck, p.polrelid), '\\s+', ' ', 'g') as check_expr
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'
  loop
    normalized := coalesce(policy.using_expr, '') || ' ' || coalesce(policy.check_expr, '');
    continue when normalized !~ '${pattern}';
    -- Spaces were folded above: a policy holding a string literal could change meaning. None does.
    if strpos(normalized, '''') > 0 then
      raise exception 'policy % on % holds a string literal: rewrite it by hand', policy.polname, policy.relname;
    end if;
    using_expr := regexp_replace(policy.using_expr, '${pattern}', replace('${replacement}', '%table%', quote_ident(policy.relname)), 'g');
    check_expr := regexp_replace(policy.check_expr, '${pattern}', replace('${replacement}', '%table%', quote_ident(policy.relname)), 'g');
    if using_expr is not null then
      execute format('alter policy %I on %I using (%s)', policy.polname, policy.relname, using_expr);
    end if;
    if check_expr is not null then
      execute format('alter policy %I on %I with check (%s)', policy.polname, policy.relname, check_expr);
    end if;
    rewritten := rewritten + 1;
  end loop;
  if rewritten < ${expectAtLeast} then
    raise exception 'expected at least ${expectAtLeast} policies to rewrite, found %', rewritten;
  end if;
  if exists (select 1 from pg_policy p
              where regexp_replace(coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''), '\\s+', ' ', 'g') ~ '${pattern}') then
    raise exception 'a policy still matches %', '${pattern}';
  end if;
end
$rewrite$;`;
}

export class Migration20261204180000CorrelatedRowPolicies extends Migration {
  override async up(): Promise<void> {
    this.addSql(rewritePolicies(UNCORRELATED, String.raw`EXISTS ( SELECT 1 FROM \4 \2 WHERE \2.\3 = %table%.\1)`, 20));
  }

  override async down(): Promise<void> {
    this.addSql(rewritePolicies(CORRELATED, String.raw`\5 IN ( SELECT \2.\3 FROM \1 \2)`, 1));
  }
}
