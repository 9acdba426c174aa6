-- kp_record_publication_change: Row trigger: the change_event row for a bulletin (月通报), a
-- quarterly ranking (季度评比) or a year-end assessment (年终考核) a viewer publishes or freezes, under the publishing tenant and with no project,
-- so projectChanged carries it to that tenant's dashboards as it carries an order about a tenant.
-- The changes name what was published: the publication's id (`publication`), its month or quarter
-- and (a ranking) its edition; an assessment is named by its id (`assessment`) and its year.
-- Nothing without a subject, like the other change triggers.
--
-- Called by: the triggers bulletin_publication_change_event on bulletin_publication and
--   evaluation_publication_change_event on evaluation_publication, year_end_assessment_change_event
--   on year_end_assessment

create or replace function kp_record_publication_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    row_data jsonb := to_jsonb(new);
    publisher record;
    the_kind text;
    diff jsonb;
  begin
    if subject is null then
      return null;
    end if;
    if tg_table_name = 'bulletin_publication' then
      the_kind := 'BULLETIN_PUBLISHED';
      select t.code, t.path into publisher from tenant t where t.code = row_data ->> 'tenant_code';
      -- No `version`: the audit trail keeps a column of that name out as bookkeeping, and an event
      -- says what the trail says; the publication (by its id) tells which version it is.
      diff := jsonb_build_object('period', jsonb_build_object('before', null, 'after', row_data ->> 'period'))
        || jsonb_build_object('publication', jsonb_build_object('before', null, 'after', row_data ->> 'id'));
    elsif tg_table_name = 'year_end_assessment' then
      the_kind := 'YEAR_END_ASSESSMENT_FROZEN';
      select t.code, t.path into publisher from tenant t where t.code = row_data ->> 'parent_code';
      diff := jsonb_build_object(
        'year', jsonb_build_object('before', null, 'after', row_data ->> 'year'),
        'assessment', jsonb_build_object('before', null, 'after', row_data ->> 'id'));
    else
      the_kind := 'EVALUATION_PUBLISHED';
      select t.code, t.path into publisher from tenant t where t.code = row_data ->> 'parent_code';
      diff := jsonb_build_object(
        'quarter', jsonb_build_object('before', null, 'after', row_data ->> 'quarter'),
        'edition', jsonb_build_object('before', null, 'after', row_data ->> 'edition'),
        'publication', jsonb_build_object('before', null, 'after', row_data ->> 'id'));
    end if;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, publisher.code, publisher.path, null, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_publication_change() from public;
