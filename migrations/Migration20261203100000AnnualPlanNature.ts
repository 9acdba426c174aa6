import { Migration } from '@mikro-orm/migrations';

/**
 * A project's nature (建设性质: 新开工 / 续建 / 前期) and its designation levels (国家 / 省 / 市 / 县重点)
 * belong to each year's list, not to the project: a project that is 新开工 on the 2026 list is 续建 on
 * the 2027 one, and the 2026 figures must not move when the 2027 list is drawn up. So they are
 * columns of the annual plan (`project_annual_plan`, one row per project and year).
 *
 * Existing plans take the project's current values (the only ones recorded so far). The project
 * keeps its own columns: the values it was registered with or last given, shown while it is on no
 * list this year, and the default for a plan that names none.
 *
 * `kp_plan_defaults` fills a plan inserted without them from its project, so writers that know
 * nothing of per-year values (bulk loads, a replica of the previous release during a rolling
 * update) still write complete plans.
 */
export class Migration20261203100000AnnualPlanNature extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "project_annual_plan" add column "nature" "project_nature" null,
      add column "designation_levels" "designation_level"[] null;`);
    this.addSql(`update "project_annual_plan" n set "nature" = p."nature", "designation_levels" = p."designation_levels"
      from "project" p where p."id" = n."project_id";`);
    this.addSql(`alter table "project_annual_plan" alter column "nature" set not null, alter column "designation_levels" set not null;`);

    this.addSql(`create or replace function kp_plan_defaults() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if new.nature is null or new.designation_levels is null then
          select coalesce(new.nature, p.nature), coalesce(new.designation_levels, p.designation_levels)
            into new.nature, new.designation_levels
            from project p where p.id = new.project_id;
        end if;
        return new;
      end $$;`);
    this.addSql(`revoke execute on function kp_plan_defaults() from public;`);
    this.addSql(`create trigger "project_annual_plan_defaults" before insert on "project_annual_plan"
      for each row execute function kp_plan_defaults();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "project_annual_plan_defaults" on "project_annual_plan";`);
    this.addSql(`drop function if exists kp_plan_defaults();`);
    this.addSql(`alter table "project_annual_plan" drop column "nature", drop column "designation_levels";`);
  }
}
