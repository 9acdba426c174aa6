import { Migration } from '@mikro-orm/migrations';

/**
 * Every live event names the record it is about (integrators open it, or match it with what they
 * hold). Blockers (`blocker`), leads (`lead`) and overdue milestones (`milestone`) did; the events
 * of reports, milestones, assignments and annual plans did not, since `id` is left out of the
 * changed columns. Now `changes` carries the record's id under its name (`report`, `milestone`,
 * `assignment`) and an annual plan's `year` (a plan is its project's and year's): in `after`, or in
 * `before` for a removal, as the blocker and lead events already write it. Project events name
 * their project in `project_id`.
 *
 * kp_record_change as it stands since ReportReview, but with the record named, and the changed
 * columns from kp_changed_columns (LedgerAccountability) instead of its own copy of that query.
 */
export class Migration20261203050000LiveEventSubjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function kp_change_subject(op text, id text) returns jsonb
      language sql immutable parallel safe as
      $$ select jsonb_build_object('before', case when op = 'DELETE' then id end, 'after', case when op <> 'DELETE' then id end) $$;`);
    this.addSql(recordChange(true));
  }

  override async down(): Promise<void> {
    this.addSql(recordChange(false));
    this.addSql(`drop function if exists kp_change_subject(text, text);`);
  }
}

/** kp_record_change, naming the record (`named`) or as ReportReview left it. */
function recordChange(named: boolean): string {
  const subject = named
    ? `diff := diff || case tg_table_name
            when 'progress_report' then jsonb_build_object('report', kp_change_subject(tg_op, row_data ->> 'id'))
            when 'milestone' then jsonb_build_object('milestone', kp_change_subject(tg_op, row_data ->> 'id'))
            when 'project_assignment' then jsonb_build_object('assignment', kp_change_subject(tg_op, row_data ->> 'id'))
            when 'project_annual_plan' then jsonb_build_object('year', kp_change_subject(tg_op, row_data ->> 'year'))
            else '{}'::jsonb end;`
    : '';
  return `create or replace function kp_record_change() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
        row_data jsonb := coalesce(after, before);
        diff jsonb;
        the_project uuid;
        the_kind text;
        owner record;
      begin
        if subject is null then
          return null;
        end if;
        diff := kp_changed_columns(before, after, array['id', 'project_id', 'created_at', 'updated_at', 'recorded_at', 'started_on',
                                                        'version', 'overdue_announced_on']);
        if diff = '{}'::jsonb then
          return null;
        end if;
        the_project := (case when tg_table_name = 'project' then row_data ->> 'id' else row_data ->> 'project_id' end)::uuid;
        the_kind := case tg_table_name
          when 'project' then case when tg_op = 'INSERT' then 'PROJECT_CREATED' when diff ? 'stage' then 'STAGE_CHANGED'
                                   else 'PROJECT_UPDATED' end
          when 'progress_report' then kp_report_event_kind(tg_op, after, diff)
          when 'milestone' then case when tg_op = 'INSERT' then 'MILESTONE_ADDED' when tg_op = 'DELETE' then 'MILESTONE_REMOVED'
                                     when diff ? 'done_on' and after ->> 'done_on' is not null then 'MILESTONE_DONE'
                                     when diff ? 'done_on' then 'MILESTONE_REOPENED'
                                     else 'MILESTONE_CHANGED' end
          when 'project_assignment' then 'ASSIGNMENT_CHANGED'
          when 'project_annual_plan' then 'ANNUAL_PLAN_CHANGED'
        end;
        -- Assignment events name whose rights changed, so that live streams can follow them.
        if tg_table_name = 'project_assignment' then
          diff := diff || jsonb_build_object('subject', jsonb_build_object('before', before ->> 'subject', 'after', row_data ->> 'subject'));
        end if;
        ${subject}
        select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = the_project;
        insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
        values (the_kind, owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
        return null;
      end $$;`;
}
