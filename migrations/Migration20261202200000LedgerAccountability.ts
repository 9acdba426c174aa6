import { Migration } from '@mikro-orm/migrations';
import { auditTriggerSql, dropAuditTriggerSql } from './support/audit-trigger';

/** Tables the audit trail missed: every mutation of the API now writes an audit record. */
const AUDITED: [string, string, { idColumn?: string; tenantColumn?: string }?][] = [
  ['blocker', 'Blocker'],
  ['investment_lead', 'InvestmentLead'],
  ['project_monthly_target', 'MonthlyTarget'],
  ['reporting_rule', 'ReportingRules', { idColumn: 'city_code', tenantColumn: 'city_code' }],
  ['tenant', 'Tenant', { idColumn: 'code', tenantColumn: 'code' }],
];

/**
 * Accountability for the supervision ledgers. The audit trail (审计留痕) reaches the blocker
 * ledger, investment leads, monthly targets, a city's reporting rules and tenants (retired,
 * reinstated). Their histories (blocker_event, investment_lead_stage_change, progress_report_review)
 * are append-only records of the steps whose effect on the row itself is audited, so they are not.
 *
 * Investment leads also stream live (招商引资 on the dashboard): `kp_record_lead_change` writes a
 * change_event under the lead's owner, with the lead's id as `lead` and its project once started.
 * Nothing without a subject (bulk work, demo data), as for every other event.
 */
export class Migration20261202200000LedgerAccountability extends Migration {
  override async up(): Promise<void> {
    for (const [table, entity, options] of AUDITED) {
      for (const sql of auditTriggerSql(table, entity, options)) this.addSql(sql);
    }

    /**
     * What changed between two versions of a row, as change events carry it: each differing column
     * (but the skipped ones) with its values as text. For triggers from here on; the landed ones
     * keep their own copy of this query.
     */
    this.addSql(`create or replace function kp_changed_columns(before jsonb, after jsonb, skipped text[]) returns jsonb
      language sql immutable parallel safe as $$
        select coalesce(jsonb_object_agg(k, jsonb_build_object('before', kp_change_text(before -> k), 'after', kp_change_text(after -> k))), '{}'::jsonb)
          from jsonb_object_keys(coalesce(after, before)) k
         where (before -> k) is distinct from (after -> k) and k <> all (skipped) $$;`);

    this.addSql(`create or replace function kp_record_lead_change() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        after jsonb := to_jsonb(new);
        diff jsonb;
        the_kind text;
        owner record;
      begin
        if subject is null then
          return null;
        end if;
        diff := kp_changed_columns(before, after, array['id', 'project_id', 'created_at', 'created_by', 'created_by_name',
                                                        'updated_at', 'updated_by', 'updated_by_name', 'version']);
        if diff = '{}'::jsonb then
          return null;
        end if;
        the_kind := case
          when tg_op = 'INSERT' then 'LEAD_REGISTERED'
          when diff ? 'stage' then 'LEAD_ADVANCED'
          when diff ? 'funds_in_place_wan' then 'LEAD_FUNDS_RECORDED'
          else 'LEAD_CHANGED'
        end;
        diff := diff || jsonb_build_object('lead', jsonb_build_object('before', null, 'after', new.id::text));
        select t.code, t.path into owner from tenant t where t.code = new.owner_tenant_code;
        insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
        values (the_kind, owner.code, owner.path, new.project_id, subject, kp_actor_name(), diff);
        return null;
      end $$;`);
    this.addSql(`revoke execute on function kp_record_lead_change() from public;`);
    this.addSql(`create trigger "investment_lead_change_event" after insert or update on "investment_lead"
      for each row execute function kp_record_lead_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "investment_lead_change_event" on "investment_lead";`);
    this.addSql(`drop function if exists kp_record_lead_change();`);
    this.addSql(`drop function if exists kp_changed_columns(jsonb, jsonb, text[]);`);
    for (const [table] of AUDITED) for (const sql of dropAuditTriggerSql(table)) this.addSql(sql);
  }
}
