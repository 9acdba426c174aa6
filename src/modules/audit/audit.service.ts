import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { AppError, ErrorCode, notFound } from '../../errors/app-error';
import type { StoredChange } from '../../graphql/api-fields';
import { decodeCursor, encodeCursor, foreignCursor, type Page } from '../../pagination/connection';
import { pageOf, pageSizeOf } from '../../pagination/keyset';
import { AttractionService } from '../attraction/attraction.service';
import { BulletinService } from '../bulletin/bulletin.service';
import { AssessmentService } from '../assessment/assessment.service';
import { EvaluationService } from '../evaluation/evaluation.service';
import { ProjectService } from '../project/project.service';
import { ReserveService } from '../reserve/reserve.service';
import { ResponsibilityLetter } from '../target/responsibility-letter.entity';
import { ResponsibilityTarget } from '../target/responsibility-target.entity';
import { TenantLevel } from '../tenant/tenant.enums';
import { AccountabilityService } from '../supervision-order/accountability.service';
import { SupervisionOrderService } from '../supervision-order/supervision-order.service';
import { TenantService } from '../tenant/tenant.service';
import { AuditedEntity, AuditRecord, type AuditOperation } from './audit.types';

/** Tables of the records that hang off a project, by entity. */
const PROJECT_CHILD_TABLES: Partial<Record<AuditedEntity, string>> = {
  [AuditedEntity.PROGRESS_REPORT]: 'progress_report',
  [AuditedEntity.MILESTONE]: 'milestone',
  [AuditedEntity.PROJECT_ASSIGNMENT]: 'project_assignment',
  [AuditedEntity.ANNUAL_PLAN]: 'project_annual_plan',
  [AuditedEntity.STAGE_CHANGE]: 'project_stage_change',
  [AuditedEntity.BLOCKER]: 'blocker',
  [AuditedEntity.MONTHLY_TARGET]: 'project_monthly_target',
  [AuditedEntity.FUND_ARRIVAL]: 'fund_arrival',
  [AuditedEntity.PROJECT_APPROVAL]: 'project_approval',
  [AuditedEntity.START_EXCEPTION]: 'project_start_exception',
  [AuditedEntity.SITE_PHOTO]: 'site_photo',
};

/** Settings a city keeps for itself, identified by the city's code: read by its city-level readers. */
const CITY_SETTINGS: ReadonlySet<AuditedEntity> = new Set([
  AuditedEntity.TRAFFIC_LIGHT_RULES,
  AuditedEntity.REPORTING_RULES,
  AuditedEntity.BULLETIN_RULES,
  AuditedEntity.EVALUATION_SCHEME,
]);

interface AuditRow {
  id: string;
  recorded_at: Date;
  actor_subject: string;
  actor_name: string | null;
  actor_tenant_code: string | null;
  entity: AuditedEntity;
  entity_id: string;
  operation: AuditOperation;
  changes: { field: string; before: string | null; after: string | null }[];
}

function toRecord(row: AuditRow): AuditRecord {
  return Object.assign(new AuditRecord(), {
    id: row.id,
    actedAt: new Date(row.recorded_at),
    actedBySubject: row.actor_subject,
    actedByName: row.actor_name,
    actedByTenantCode: row.actor_tenant_code,
    entity: row.entity,
    entityId: row.entity_id,
    operation: row.operation,
    stored: row.changes.map((c): StoredChange => ({ column: c.field, before: c.before, after: c.after })),
  });
}

export interface AuditTrailArgs {
  entity: AuditedEntity;
  id: string;
  first: number | undefined;
  after: string | undefined;
}

export class AuditService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  /**
   * The trail of one record, oldest change first, for those who may read the record: a project's
   * readers for the project and everything that hangs off it (even once deleted: the trail names its
   * project), a city's subtree readers for its traffic-light rules. NOT_FOUND for anything else.
   */
  async trail(args: AuditTrailArgs): Promise<Page<AuditRecord>> {
    const first = pageSizeOf(args.first, this.ctx.config.graphql.maxPageSize);
    let afterId = '0';
    if (args.after) {
      const [id] = decodeCursor(args.after) ?? [];
      if (typeof id !== 'string' || !/^\d{1,18}$/.test(id)) throw foreignCursor();
      afterId = id;
    }
    await this.requireReadable(args.entity, args.id);

    const rows = await this.ctx.em.execute<AuditRow[]>(
      `select r.id::text as id, r.recorded_at, r.actor_subject, r.actor_name, r.actor_tenant_code, r.entity, r.entity_id, r.operation,
              coalesce((select jsonb_agg(jsonb_build_object('field', k, 'before', kp_change_text(r.before -> k),
                                                            'after', kp_change_text(r.after -> k)) order by k)
                          from jsonb_object_keys(coalesce(r.before, '{}') || coalesce(r.after, '{}')) k), '[]') as changes
         from audit_record r
        where r.entity = ? and r.entity_id = ? and r.id > ?
        order by r.id limit ?`,
      [args.entity, args.id, afterId, first + 1],
    );
    const em = this.ctx.em;
    const count = () =>
      em
        .execute<{ n: number }[]>('select count(*)::int as n from audit_record where entity = ? and entity_id = ?', [args.entity, args.id])
        .then((r) => r[0]?.n ?? 0);
    // The id alone is the keyset: ids come from one sequence. Since the chains are per tenant,
    // two tenants' writers may commit out of id order, so a client paging while both write a
    // record of this entity can miss the lower id; a trail read after the writes is complete.
    return pageOf(rows.map(toRecord), first, args.after, (node) => encodeCursor([node.id]), count);
  }

  private async requireReadable(entity: AuditedEntity, id: string): Promise<void> {
    if (entity === AuditedEntity.PROJECT) {
      await this.projects.get(id);
      return;
    }
    if (entity === AuditedEntity.TENANT) {
      // Tenants are listed to every viewer; their trail is for those who read the tenant's subtree.
      const tenant = await new TenantService(this.ctx).get(id);
      if (!this.ctx.access.readsSubtreeOf(tenant.path)) throw notFound(entity, id);
      return;
    }
    if (entity === AuditedEntity.INVESTMENT_LEAD) {
      await new AttractionService(this.ctx).get(id);
      return;
    }
    if (entity === AuditedEntity.RESPONSIBILITY_TARGET || entity === AuditedEntity.RESPONSIBILITY_LETTER) {
      // Read under the request's row-level security: a letter of a tenant out of reach is not there.
      const record = isUuid(id)
        ? await this.ctx.em.findOne(entity === AuditedEntity.RESPONSIBILITY_TARGET ? ResponsibilityTarget : ResponsibilityLetter, { id })
        : null;
      if (!record) throw notFound(entity, id);
      return;
    }
    if (entity === AuditedEntity.RESERVE_PROJECT) {
      await new ReserveService(this.ctx).get(id);
      return;
    }
    if (entity === AuditedEntity.SUPERVISION_ORDER) {
      await new SupervisionOrderService(this.ctx).get(id);
      return;
    }
    if (entity === AuditedEntity.BULLETIN_PUBLICATION) {
      await new BulletinService(this.ctx).publication(id);
      return;
    }
    if (entity === AuditedEntity.ACCOUNTABILITY_OUTCOME) {
      await new AccountabilityService(this.ctx).get(id);
      return;
    }
    if (entity === AuditedEntity.EVALUATION_PUBLICATION) {
      await new EvaluationService(this.ctx).publication(id);
      return;
    }
    if (entity === AuditedEntity.YEAR_END_ASSESSMENT) {
      await new AssessmentService(this.ctx).get(id);
      return;
    }
    if (entity === AuditedEntity.APPROVAL_KIND) {
      // A kind of a city's approval list: its trail is for the city's subtree readers, as the city's other settings.
      const [kind] = isUuid(id)
        ? await this.ctx.em.execute<{ city_code: string }[]>('select city_code from approval_kind where id = ?', [id])
        : [];
      const city = kind ? await this.ctx.loaders.tenant.byCode.load(kind.city_code) : undefined;
      if (!city || !this.ctx.access.readsSubtreeOf(city.path)) throw notFound(entity, id);
      return;
    }
    if (CITY_SETTINGS.has(entity)) {
      const city = await new TenantService(this.ctx).get(id).catch((error: unknown) => {
        if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return undefined;
        throw error;
      });
      if (!city || city.level !== TenantLevel.CITY || !this.ctx.access.readsSubtreeOf(city.path)) throw notFound(entity, id);
      return;
    }
    const table = PROJECT_CHILD_TABLES[entity];
    if (!table || !isUuid(id)) throw notFound(entity, id);
    // The record's project as it is now, or, once the record is deleted, as its trail last named it.
    const [row] = await this.ctx.em.execute<{ project_id: string | null }[]>(
      `select coalesce((select c.project_id from "${table}" c where c.id = ?),
                       (select r.project_id from audit_record r where r.entity = ? and r.entity_id = ? and r.project_id is not null
                         order by r.id desc limit 1))::text as project_id`,
      [id, entity, id],
    );
    if (!row?.project_id) throw notFound(entity, id);
    await this.projects.getParentOf(row.project_id, entity, id);
  }
}
