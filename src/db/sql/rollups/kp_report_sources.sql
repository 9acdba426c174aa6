-- kp_report_sources: What a monthly report's completed investment comes to per funding source
-- (资金来源): each source it names with its amount, and the rest it leaves unnamed under the source
-- '' (未注明来源). '' is the key of the unnamed rest in rollup_report_source_month because a key
-- column cannot be null and no FundingSource value is empty; readers turn it back into null.
-- Amounts of zero are left out: they would only add rows that sum to nothing.
--
-- No SET clause and a single select, like kp_rollup_tenants: PostgreSQL inlines it into the
-- triggers' statements instead of calling it once per report.
--
-- Called by: kp_rebuild_rollup_sums, kp_rollup_projects, kp_rollup_reports

create or replace function kp_report_sources(sources jsonb, completed numeric)
  returns table (source varchar, amount numeric)
  language sql
  immutable parallel safe
as $$
  select s.source, s.amount
    from (select e ->> 'source', (e ->> 'amountWan')::numeric from jsonb_array_elements(sources) e
          union all
          select '', completed - coalesce((select sum((e ->> 'amountWan')::numeric) from jsonb_array_elements(sources) e), 0)
         ) s(source, amount)
   where s.amount <> 0
$$;
