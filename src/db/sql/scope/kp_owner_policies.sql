-- kp_owner_policies: Gives the tables' owner a `<table>_owner` policy on every table under FORCE
-- ROW LEVEL SECURITY that lacks one, so a plain (non-superuser) owner still sees every row.
-- Idempotent; a migration that forces row-level security on a new table calls it
-- (tests/db/owner-policies.test.ts).
--
-- Called by: migrations (OwnerPolicies, FundArrivals, RollupModel, RollupProjectFlags,
--   ReportSourceRollup)

create or replace function kp_owner_policies()
  returns void
  language plpgsql
as $$
  declare t record;
  begin
    for t in select c.oid, c.relname, pg_get_userbyid(c.relowner) as owner
               from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relforcerowsecurity
                and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = c.relname || '_owner')
    loop
      execute format('create policy %I on %I to %I using (true) with check (true)', t.relname || '_owner', t.relname, t.owner);
    end loop;
  end
$$;

revoke execute on function kp_owner_policies() from public;
