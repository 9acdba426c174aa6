-- kp_fund_totals: After fund arrivals change: keeps project.funds_in_place_wan, the sum of its
-- arrivals.
--
-- Called by: the triggers fund_arrival_totals_delete, fund_arrival_totals_insert,
--   fund_arrival_totals_update on fund_arrival; src/modules/funds/fund-arrival.service.ts,
--   src/modules/project/project.entity.ts

create or replace function kp_fund_totals()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op in ('INSERT', 'UPDATE') then
      update project p set funds_in_place_wan = s.total
        from (select x.project_id, coalesce(sum(f.amount_wan), 0) as total
                from (select distinct project_id from new_rows where project_id is not null) x
                left join fund_arrival f on f.project_id = x.project_id
               group by x.project_id) s
       where p.id = s.project_id and p.funds_in_place_wan is distinct from s.total;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
      update project p set funds_in_place_wan = s.total
        from (select x.project_id, coalesce(sum(f.amount_wan), 0) as total
                from (select distinct project_id from old_rows where project_id is not null) x
                left join fund_arrival f on f.project_id = x.project_id
               group by x.project_id) s
       where p.id = s.project_id and p.funds_in_place_wan is distinct from s.total;
    end if;
    return null;
  end
$$;

revoke execute on function kp_fund_totals() from public;
