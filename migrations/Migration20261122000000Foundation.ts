import { Migration } from '@mikro-orm/migrations';

/**
 * The product's spine: tenants (with their ltree path), projects, annual plans, dated stage changes,
 * monthly progress reports and milestones. Checks hold the rules the database can hold by itself:
 * money is never negative, a period is the first day of a month, dates come in order.
 */
export class Migration20261122000000Foundation extends Migration {
  override async up(): Promise<void> {
    // The schema generator does not create extensions; ltree gives "everything under X" one index.
    this.addSql(`create extension if not exists "ltree";`);
    this.addSql(`create extension if not exists "pgcrypto";`);
    this.addSql(`create type "tenant_level" as enum ('CITY', 'COUNTY', 'TOWN');`);
    this.addSql(`create type "tenant_kind" as enum ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_LEVEL_CITY', 'DEVELOPMENT_ZONE', 'SUBDISTRICT', 'TOWN', 'TOWNSHIP', 'TOWN_LEVEL_UNIT');`);
    this.addSql(`create type "project_category" as enum ('KEY_PROVINCIAL_CITY', 'INDUSTRIAL_UPGRADE', 'TRANSPORT_INFRASTRUCTURE', 'INVESTMENT_ATTRACTION', 'URBAN_CONSTRUCTION', 'SOCIAL_UNDERTAKING', 'OTHER');`);
    this.addSql(`create type "project_nature" as enum ('NEW', 'CONTINUING', 'PREPARATORY');`);
    this.addSql(`create type "project_stage" as enum ('PLANNED', 'PREPARATORY', 'SIGNED', 'STARTED', 'UNDER_CONSTRUCTION', 'COMPLETED', 'IN_OPERATION', 'AT_DESIGN_CAPACITY');`);
    this.addSql(`create type "designation_level" as enum ('NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY');`);
    this.addSql(`create table "tenant" ("code" varchar(12) not null, "name" varchar(100) not null, "level" "tenant_level" not null, "kind" "tenant_kind" not null, "parent_code" varchar(12) null, "path" ltree not null, "valid_from" date null, "valid_to" date null, "created_at" timestamptz not null default now(), constraint "tenant_pkey" primary key ("code"));`);
    this.addSql(`create index "tenant_path_gist" on "tenant" using gist ("path");`);
    this.addSql(`create table "project" ("id" uuid not null, "code" varchar(24) null, "name" varchar(200) not null, "construction_content" text null, "category" "project_category" not null, "nature" "project_nature" not null, "stage" "project_stage" not null, "designation_levels" "designation_level"[] not null default '{}', "owner_tenant_code" varchar(12) not null, "location_tenant_code" varchar(12) null, "total_investment_wan" numeric(18,4) not null, "funds_in_place_wan" numeric(18,4) not null default '0', "completed_before_tracking_wan" numeric(18,4) not null default '0', "planned_start_on" date null, "planned_completion_on" date null, "is_in_statistics_database" boolean not null default false, "owner_unit" varchar(200) null, "contact_name" varchar(50) null, "contact_phone" varchar(30) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "project_pkey" primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_code_unique" unique ("code");`);
    this.addSql(`create index "project_owner_tenant_code_created_at_id_index" on "project" ("owner_tenant_code", "created_at", "id");`);
    this.addSql(`create table "project_stage_change" ("id" uuid not null, "project_id" uuid not null, "from_stage" "project_stage" null, "to_stage" "project_stage" not null, "changed_on" date not null, "note" text null, "recorded_at" timestamptz not null default now(), "recorded_by" varchar(100) not null, "recorded_by_name" varchar(100) not null, constraint "project_stage_change_pkey" primary key ("id"));`);
    this.addSql(`create index "project_stage_change_project_id_changed_on_index" on "project_stage_change" ("project_id", "changed_on");`);
    this.addSql(`create table "progress_report" ("id" uuid not null, "project_id" uuid not null, "period" date not null, "completed_investment_wan" numeric(18,4) not null, "progress_note" text not null, "stage_at_month_end" "project_stage" not null, "problems" text null, "reported_at" timestamptz not null default now(), "reported_by" varchar(100) not null, "reported_by_name" varchar(100) not null, "updated_at" timestamptz not null default now(), constraint "progress_report_pkey" primary key ("id"));`);
    this.addSql(`alter table "progress_report" add constraint "progress_report_project_period_unique" unique ("project_id", "period");`);
    this.addSql(`create table "milestone" ("id" uuid not null, "project_id" uuid not null, "title" varchar(200) not null, "due_on" date not null, "done_on" date null, "note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "milestone_pkey" primary key ("id"));`);
    this.addSql(`create index "milestone_project_id_due_on_index" on "milestone" ("project_id", "due_on");`);
    this.addSql(`create table "project_annual_plan" ("id" uuid not null, "project_id" uuid not null, "year" smallint not null, "planned_investment_wan" numeric(18,4) not null, "updated_at" timestamptz not null default now(), constraint "project_annual_plan_pkey" primary key ("id"));`);
    this.addSql(`alter table "project_annual_plan" add constraint "project_annual_plan_year_unique" unique ("project_id", "year");`);
    this.addSql(`alter table "tenant" add constraint "tenant_parent_code_foreign" foreign key ("parent_code") references "tenant" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "project" add constraint "project_owner_tenant_code_foreign" foreign key ("owner_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "project" add constraint "project_location_tenant_code_foreign" foreign key ("location_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "project_stage_change" add constraint "project_stage_change_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "progress_report" add constraint "progress_report_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "milestone" add constraint "milestone_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_annual_plan" add constraint "project_annual_plan_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tenant" add constraint "tenant_code_format" check ("code" ~ '^[0-9]{6}$' or "code" ~ '^[0-9]{9}$');`);
    this.addSql(`alter table "tenant" add constraint "tenant_validity_order" check ("valid_to" is null or "valid_from" is null or "valid_from" <= "valid_to");`);
    this.addSql(`alter table "project" add constraint "project_money_non_negative" check ("total_investment_wan" >= 0 and "funds_in_place_wan" >= 0 and "completed_before_tracking_wan" >= 0);`);
    this.addSql(`alter table "project" add constraint "project_schedule_order" check ("planned_completion_on" is null or "planned_start_on" is null or "planned_start_on" <= "planned_completion_on");`);
    this.addSql(`alter table "project_annual_plan" add constraint "project_annual_plan_non_negative" check ("planned_investment_wan" >= 0);`);
    this.addSql(`alter table "progress_report" add constraint "progress_report_period_is_month" check (extract(day from "period") = 1);`);
    this.addSql(`alter table "progress_report" add constraint "progress_report_non_negative" check ("completed_investment_wan" >= 0);`);
    this.addSql(`create index "project_stage_index" on "project" ("stage");`);
    this.addSql(`create index "project_annual_plan_year_index" on "project_annual_plan" ("year", "project_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "milestone", "progress_report", "project_stage_change", "project_annual_plan", "project", "tenant" cascade;`);
    this.addSql(`drop type if exists "designation_level", "project_stage", "project_nature", "project_category", "tenant_kind", "tenant_level";`);
  }
}
