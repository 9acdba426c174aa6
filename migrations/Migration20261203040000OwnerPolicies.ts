import { Migration } from '@mikro-orm/migrations';

/**
 * The tables' owner sees and writes every row, whatever login owns them.
 *
 * The owner's connection is the one that works outside any viewer's scope: migrations, the demo
 * load, `tenants:import`, `audit:verify`, and the SECURITY DEFINER functions (which run as the
 * owner). With the embedded database and Docker Compose the owner is a superuser, which bypasses
 * row-level security. A plain owner (the README's recipe for any other PostgreSQL) does not: FORCE
 * ROW LEVEL SECURITY holds it to the policies, written for viewers, so without a scope it saw no row
 * and could write none ("new row violates row-level security policy for table project" at the first
 * demo load). This policy gives it what a superuser owner has; it gives away nothing, since an owner
 * may switch FORCE off on its own tables anyway. Requests are unaffected: they run as kp_app
 * (`set local role`), which is not the owner.
 *
 * `kp_owner_policies()` adds the policy to every table under FORCE ROW LEVEL SECURITY that lacks
 * it: a later migration that forces row-level security on a new table calls it again
 * (tests/db/owner-policies.test.ts fails until it does).
 */
export class Migration20261203040000OwnerPolicies extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function kp_owner_policies() returns void language plpgsql as $$
      declare t record;
      begin
        for t in select c.oid, c.relname, pg_get_userbyid(c.relowner) as owner
                   from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relforcerowsecurity
                    and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = c.relname || '_owner')
        loop
          execute format('create policy %I on %I to %I using (true) with check (true)', t.relname || '_owner', t.relname, t.owner);
        end loop;
      end $$;`);
    this.addSql(`revoke execute on function kp_owner_policies() from public;`);
    this.addSql(`select kp_owner_policies();`);
  }

  override async down(): Promise<void> {
    this.addSql(`do $$
      declare t record;
      begin
        for t in select c.relname from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'public' and p.polname = c.relname || '_owner'
        loop
          execute format('drop policy %I on %I', t.relname || '_owner', t.relname);
        end loop;
      end $$;`);
    this.addSql(`drop function if exists kp_owner_policies();`);
  }
}
