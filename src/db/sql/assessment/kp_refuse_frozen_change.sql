-- kp_refuse_frozen_change: Trigger: refuses any UPDATE, DELETE or TRUNCATE of a frozen record,
-- whoever asks (the owner and a superuser too, which the grants alone would let through): a
-- year-end assessment that decided rewards and penalties (年终奖惩) is never rewritten.
--
-- Called by: the triggers year_end_assessment_frozen and year_end_assessment_frozen_truncate on
--   year_end_assessment

create or replace function kp_refuse_frozen_change()
  returns trigger
  language plpgsql
as $$
  begin
    raise exception '% 已冻结，不能修改或删除 (% is frozen: % refused)', tg_table_name, tg_table_name, tg_op
      using errcode = '55000';
  end
$$;

revoke execute on function kp_refuse_frozen_change() from public;
