-- kp_reporting_read: The reporting figures of a month per tenant: owed, submitted, on time, late,
-- missing, approved, pending review, returned.
--
-- Called by: src/modules/progress-report/report-timeliness.ts

create or replace function kp_reporting_read(codes varchar[], period date, today date)
  returns table (
    tenant_code varchar,
    deadline date,
    owed integer,
    submitted integer,
    on_time integer,
    late integer,
    missing integer,
    approved integer,
    pending_review integer,
    returned integer
  )
  language sql
  stable security definer
  set search_path = public
as $$
  select c.code, min(o.deadline), count(o.project_id)::int,
         (count(*) filter (where o.first_submitted_on is not null))::int,
         (count(*) filter (where o.first_submitted_on <= o.deadline))::int,
         (count(*) filter (where o.first_submitted_on > o.deadline))::int,
         (count(*) filter (where o.first_submitted_on is null and today > o.deadline))::int,
         (count(*) filter (where o.status = 'APPROVED'))::int,
         (count(*) filter (where o.status in ('SUBMITTED', 'RESUBMITTED')))::int,
         (count(*) filter (where o.status = 'RETURNED'))::int
    from unnest(codes) c(code)
    left join lateral kp_reports_owed(c.code, period) o on true
   group by c.code
$$;

revoke execute on function kp_reporting_read(varchar[], date, date) from public;
grant execute on function kp_reporting_read(varchar[], date, date) to kp_app;
