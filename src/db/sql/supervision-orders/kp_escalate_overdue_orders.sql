-- kp_escalate_overdue_orders: Escalates, once, each supervision order that fell overdue (not closed,
-- past its deadline) one level above its addressee (else above the tenant it concerns): the step in
-- its history (no actor: the calendar did it) and an ORDER_ESCALATED live event. An order whose
-- level has none above (the city) stays flagged overdue only. One replica at a time (advisory lock).
-- Scheduled housekeeping.
--
-- Called by: src/modules/supervision-order/supervision-order.jobs.ts (a housekeeping job)

create or replace function kp_escalate_overdue_orders(today date)
  returns integer
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    escalated int;
  begin
    if not pg_try_advisory_xact_lock(hashtext('kp_escalate_overdue_orders')) then
      return 0;
    end if;
    with due as (
      select o.id, lvl.code as from_code, lvl.parent_code as to_code
        from supervision_order o
        join tenant lvl on lvl.code = coalesce(o.addressee_tenant_code, o.owner_tenant_code)
       where o.status <> 'CLOSED' and o.deadline_on < today and o.escalated_on is null and lvl.parent_code is not null
       for update of o),
    moved as (
      update supervision_order o set escalated_to_code = d.to_code, escalated_on = today, version = o.version + 1, updated_at = now()
        from due d
       where o.id = d.id
      returning o.id, o.version, o.status, o.project_id, o.owner_tenant_code, o.title, o.deadline_on, d.from_code, d.to_code),
    history as (
      insert into supervision_order_event (id, order_id, seq, kind, acted_at, note, from_tenant_code, to_tenant_code, status_after)
      select gen_random_uuid(), m.id, m.version, 'ESCALATED', now(),
             '逾期未办结（办结时限 ' || m.deadline_on::text || '），提级督办', m.from_code, m.to_code, m.status
        from moved m
      returning 1),
    recorded as (
      insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
      select 'ORDER_ESCALATED', t.code, t.path, m.project_id, null, null,
             jsonb_build_object('order', jsonb_build_object('before', null, 'after', m.id::text),
                                'escalated_to_code', jsonb_build_object('before', null, 'after', m.to_code),
                                'escalated_on', jsonb_build_object('before', null, 'after', today::text))
        from moved m join tenant t on t.code = m.owner_tenant_code
      returning 1)
    -- Every writing CTE runs to completion whether or not it is read (PostgreSQL's rule).
    select count(*)::int into escalated from moved;
    return escalated;
  end
$$;

revoke execute on function kp_escalate_overdue_orders(date) from public;
grant execute on function kp_escalate_overdue_orders(date) to kp_app;
