-- kp_attraction_read: Investment attraction (招商引资) figures per tenant: leads by stage, funds in
-- place, signed and started.
--
-- Called by: src/modules/attraction/attraction.loaders.ts

create or replace function kp_attraction_read(codes varchar[], year_start date, period_end date)
  returns table (
    tenant_code varchar,
    lead_count integer,
    funds_wan text,
    funds_year_wan text,
    signed_count integer,
    started_count integer,
    signed_wan text,
    by_stage json
  )
  language sql
  stable security definer
  set search_path = public
as $$
  select t.code, coalesce(s.lead_count, 0), coalesce(f.funds, 0)::text, coalesce(f.funds_year, 0)::text,
         coalesce(y.signed_count, 0), coalesce(y.started_count, 0), coalesce(y.signed_wan, 0)::text, s.by_stage
    from tenant t
    left join lateral (
      select sum(g.n)::int as lead_count,
             json_agg(json_build_array(g.stage_at, g.n, g.intended::text, g.signed::text)) as by_stage
        from (select x.stage_at, count(*)::int as n, sum(x.intended_wan) as intended,
                     coalesce(sum(x.signed_wan) filter (where x.signed_on <= period_end), 0) as signed
                from (select l.*, case when l.funds_in_place_on <= period_end then 'FUNDS_IN_PLACE'
                                       when l.started_on <= period_end then 'STARTED'
                                       when l.signed_on <= period_end then 'CONTRACT_SIGNED'
                                       when l.framework_agreed_on <= period_end then 'FRAMEWORK_AGREEMENT'
                                       else 'INTENT' end as stage_at
                        from investment_lead l
                       where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
                         and l.intent_on <= period_end) x
               group by x.stage_at) g) s on true
    left join lateral (
      select sum(a.amount_wan) as funds, sum(a.amount_wan) filter (where a.arrived_on >= year_start) as funds_year
        from fund_arrival a join investment_lead l on l.id = a.lead_id
       where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
         and a.arrived_on <= period_end) f on true
    left join lateral (
      select count(*)::int as signed_count, (count(*) filter (where l.started_on <= period_end))::int as started_count,
             sum(l.signed_wan) as signed_wan
        from investment_lead l
       where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
         and l.signed_on between year_start and period_end) y on true
   where t.code = any(codes) and t.path <@ kp_read_root()
$$;

revoke execute on function kp_attraction_read(varchar[], date, date) from public;
grant execute on function kp_attraction_read(varchar[], date, date) to kp_app;
