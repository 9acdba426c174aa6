-- kp_audit_record: Row trigger: appends one audit record per change a viewer makes (bookkeeping
-- columns left out) and advances the hash chain. Arguments: entity name, id column, tenant
-- column. Each record joins its viewer's chain (kp_audit_chain), whose head kp_audit_lock locked.
--
-- Called by: the triggers <table>_audit on blocker, fund_arrival, investment_lead, milestone,
--   progress_report, project, project_annual_plan, project_assignment, project_monthly_target,
--   project_stage_change, reporting_rule, tenant, traffic_light_rule

create or replace function kp_audit_record()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    row_data jsonb := coalesce(new_row, old_row);
    bookkeeping text[] := array['updated_at', 'version', 'overdue_announced_on'];
    head audit_chain_head;
    rec audit_record;
  begin
    if subject is null then
      return null;
    end if;
    if tg_op = 'UPDATE' then
      select jsonb_object_agg(k, old_row -> k), jsonb_object_agg(k, new_row -> k) into rec.before, rec.after
        from jsonb_object_keys(new_row) k
       where (old_row -> k) is distinct from (new_row -> k) and k <> all (bookkeeping);
      if rec.before is null then
        return null;
      end if;
    else
      rec.before := old_row - bookkeeping;
      rec.after := new_row - bookkeeping;
    end if;
    rec.entity := tg_argv[0];
    rec.entity_id := row_data ->> coalesce(nullif(tg_argv[1], ''), 'id');
    rec.operation := case tg_op when 'INSERT' then 'CREATE' else tg_op end;
    rec.project_id := case when tg_table_name = 'project' then row_data ->> 'id' else row_data ->> 'project_id' end;
    rec.tenant_code := row_data ->> 'owner_tenant_code';
    if rec.tenant_code is null and rec.project_id is not null then
      select p.owner_tenant_code into rec.tenant_code from project p where p.id = rec.project_id;
    end if;
    if rec.tenant_code is null and coalesce(tg_argv[2], '') <> '' then
      rec.tenant_code := row_data ->> tg_argv[2];
    end if;
    select t.path into rec.tenant_path from tenant t where t.code = rec.tenant_code;
    rec.actor_subject := subject;
    rec.actor_name := kp_actor_name();
    rec.actor_tenant_code := nullif(current_setting('kp.tenant_code', true), '');
    rec.recorded_at := now();
    rec.tx := pg_current_xact_id();

    rec.chain := kp_audit_chain();
    select * into head from audit_chain_head h where h.chain = rec.chain for update;
    if not found then
      -- Only a REPEATABLE READ snapshot taken before the chain's head was created gets here.
      raise exception 'audit chain % began after this transaction''s snapshot', rec.chain using errcode = '40001';
    end if;
    -- Drawn under the chain's lock: within a chain, id order is chain order.
    rec.id := nextval(pg_get_serial_sequence('audit_record', 'id'));
    rec.prev_hash := head.last_hash;
    rec.hash := kp_audit_hash(rec.prev_hash, rec);
    insert into audit_record overriding system value select (rec).*;
    update audit_chain_head h set last_id = rec.id, last_hash = rec.hash where h.chain = rec.chain;
    return null;
  end
$$;

revoke execute on function kp_audit_record() from public;
