import { ownerClientOn } from '../support/database';

/**
 * The tables' owner works outside any viewer's scope (migrations, demo load, commands, SECURITY
 * DEFINER functions). A superuser owner bypasses row-level security; a plain owner (README's
 * "Any other PostgreSQL") needs a policy on every table under FORCE ROW LEVEL SECURITY, or it sees
 * nothing there and may write nothing (tests/e2e/external-postgres.test.ts runs that setup).
 */
describe('owner policies', () => {
  const owner = ownerClientOn();

  const tablesWithoutOwnerPolicy = async () =>
    (
      await owner.client().query<{ table: string }>(
        `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relforcerowsecurity
            and not exists (select 1 from pg_policy p
                             where p.polrelid = c.oid and p.polcmd = '*' and p.polpermissive and p.polroles = array[c.relowner]
                               and pg_get_expr(p.polqual, p.polrelid) = 'true' and pg_get_expr(p.polwithcheck, p.polrelid) = 'true')
          order by 1`,
      )
    ).rows.map((r) => r.table);

  it('lets the owner read and write every row of every table under FORCE ROW LEVEL SECURITY (a migration forcing it on a new table calls kp_owner_policies())', async () => {
    const forced = await owner.client().query(`select count(*)::int as n from pg_class where relforcerowsecurity`);
    expect(forced.rows[0].n).toBeGreaterThan(10);
    expect(await tablesWithoutOwnerPolicy()).toEqual([]);
  });

  it('adds the policy to a newly forced table when kp_owner_policies() runs again, and changes nothing where it exists', async () => {
    await owner.client().query(`create table owner_policy_probe (id int)`);
    await owner.client().query(`alter table owner_policy_probe enable row level security`);
    await owner.client().query(`alter table owner_policy_probe force row level security`);
    expect(await tablesWithoutOwnerPolicy()).toEqual(['owner_policy_probe']);
    const before = await owner.client().query(`select count(*)::int as n from pg_policy`);
    await owner.client().query(`select kp_owner_policies()`);
    await owner.client().query(`select kp_owner_policies()`);
    expect(await tablesWithoutOwnerPolicy()).toEqual([]);
    const after = await owner.client().query(`select count(*)::int as n from pg_policy`);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });
});
