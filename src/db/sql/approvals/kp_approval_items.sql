-- kp_approval_items: The checklist items (前期手续) still pending on a day, in the viewer's read
-- root, each placed at its project's owner or, by location (属地), where the project is built.
-- The state on the day follows from the item's dates: approved from `approved_on`, submitted
-- (已报审) from `submitted_on`, not started before; NOT_NEEDED items are never pending. Overdue
-- (red): its planned date (计划办结) passed, or more days than the kind's time limit (办理时限) since
-- submission; warned (yellow): within the kind's warning days of either. The approval light
-- (审批信号灯) of src/modules/approval/approval-light.ts is the same rule for one item.
--
-- Called by: kp_approval_figures, kp_approval_office_figures

create or replace function kp_approval_items(as_of date, by_location boolean)
  returns table (
    project_id uuid,
    place_path ltree,
    office varchar,
    is_submitted boolean,
    is_overdue boolean,
    is_warned boolean
  )
  language sql
  stable
  set search_path = public
as $$
  select a.project_id, place.path, coalesce(a.office, k.office)::varchar, s.submitted,
         coalesce(a.planned_on < as_of, false) or (s.submitted and as_of - a.submitted_on > k.time_limit_days),
         coalesce(a.planned_on - k.warning_days < as_of, false)
           or (s.submitted and as_of - a.submitted_on > k.time_limit_days - k.warning_days)
    from project_approval a
    join approval_kind k on k.id = a.kind_id
    join project p on p.id = a.project_id
    join tenant place on place.code = case when by_location then coalesce(p.location_tenant_code, p.owner_tenant_code)
                                           else p.owner_tenant_code end
    cross join lateral (select a.submitted_on is not null and a.submitted_on <= as_of as submitted) s
   where a.state <> 'NOT_NEEDED'
     and (a.approved_on is null or a.approved_on > as_of)
     and place.path <@ kp_read_root()
$$;

revoke execute on function kp_approval_items(date, boolean) from public;
