import { chinaDate, Period } from '../../calendar/period';
import { periodAsOf } from '../../calendar/running-period';
import type { Context } from '../../context';
import { badUserInput, forbidden, notFound } from '../../errors/app-error';
import { decodeCursor, encodeCursor, foreignCursor, type Page } from '../../pagination/connection';
import { pageOf } from '../../pagination/keyset';
import { isUuid } from '../../db/uuid';
import { BlockerFigures } from '../blocker/blocker.types';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import type { ReportingFigures } from '../progress-report/report-timeliness';
import { TenantBasis } from '../project/tenant-basis';
import { rankChildren } from '../rollup/ranking';
import { gapOf, percentOf } from '../rollup/rollup-math';
import { RollupService, rollupLight } from '../rollup/rollup.service';
import type { Rollup } from '../rollup/rollup.types';
import { TrafficLightRulesService } from '../rollup/traffic-light-rules.service';
import { evaluateProjectLight, type LightThresholds } from '../rollup/traffic-light';
import { inUnitOfWork } from '../unit-of-work';
import { frozenContent, thawedContent } from './bulletin-freeze';
import { BulletinHash } from './bulletin-hash';
import { tenantListEntries, projectListEntries } from './bulletin-lists';
import { furthestBehindRows, laggingRows, projectLists, type ProjectFiguresRow, type ProjectScope } from './bulletin-projects';
import { BulletinPublication } from './bulletin-publication.entity';
import { BulletinRules } from './bulletin-rules.entity';
import { BulletinRulesService } from './bulletin-rules.service';
import {
  BulletinAttraction,
  BulletinBlockers,
  type BulletinFigures,
  BulletinReportingFigures,
  BulletinReportingRow,
  BulletinSupervisionOrders,
  BulletinSection,
  type LaggingProject,
  MonthlyBulletin,
} from './bulletin.types';

/**
 * Rows per page when the file writers and publishing walk a bulletin's lagging projects (laggingPages):
 * each statement first gathers the viewer's readable projects for row-level security (a scan of the
 * subtree's projects), so at 100,000 projects fewer, larger pages cost less; 2,000 rows are a few MB.
 */
export const LAGGING_PAGE_SIZE = 2000;

/** A bulletin's identity without its figures: whose, which month, which published version. */
export type BulletinHeading = Pick<MonthlyBulletin, 'tenantCode' | 'tenantName' | 'period' | 'publication'>;

/** A page of lagging projects as the GraphQL connection asks for it. */
export interface LaggingPageArgs {
  first: number;
  after?: string;
}

const LIVE_CURSOR = 'lagging';
const FROZEN_CURSOR = 'lagging-frozen';

/** A rollup's figures as the bulletin shows them: the rollup's own values, field for field, and its light. */
function figuresOf(r: Rollup): BulletinFigures {
  return {
    projectCount: r.projectCount,
    listedCount: r.listedCount,
    annualPlanWan: r.annualPlanWan,
    completedThisYearWan: r.completedThisYearWan,
    completionRate: r.completionRate,
    timeProgress: r.timeProgress,
    progressGap: r.progressGap,
    completedSameTimeLastYearWan: r.completedSameTimeLastYearWan,
    yearOverYearGrowth: r.yearOverYearGrowth,
    netIncreaseWan: r.netIncreaseWan,
    plannedToStartCount: r.plannedToStartCount,
    startedCount: r.startedCount,
    newStartRate: r.newStartRate,
    annualStartedCount: r.annualStartedCount,
    annualStartRate: r.annualStartRate,
    pendingWan: r.pendingWan,
    totalInvestmentWan: r.totalInvestmentWan,
    fundsInPlaceWan: r.fundsInPlaceWan,
    fundsArrivedThisYearWan: r.fundsArrivedThisYearWan,
    overdueMilestoneCount: r.overdueMilestoneCount,
    trafficLight: rollupLight(r),
  };
}

/** A tenant's reporting as the rollup's loader gives it; nothing owed when it has no row. */
function reportingOf(figures: ReportingFigures | undefined | Error): BulletinReportingFigures {
  const none = {
    deadlineOn: null,
    owedCount: 0,
    submittedCount: 0,
    onTimeCount: 0,
    lateCount: 0,
    missingCount: 0,
    approvedCount: 0,
    pendingReviewCount: 0,
    returnedCount: 0,
    onTimeRate: null,
  };
  return Object.assign(new BulletinReportingFigures(), figures instanceof Error || !figures ? none : figures);
}

/** The rules as frozen in a publication: their values, not the ORM's entity. */
function rulesContent(rules: BulletinRules): BulletinRules {
  return Object.assign(new BulletinRules(), {
    cityCode: rules.cityCode,
    rankingMetric: rules.rankingMetric,
    redListAheadPoints: rules.redListAheadPoints,
    blackListBehindPoints: rules.blackListBehindPoints,
    blackListPlannedStartMissed: rules.blackListPlannedStartMissed,
    blackListOverdueMilestones: rules.blackListOverdueMilestones,
    maxEntries: rules.maxEntries,
    version: rules.version,
    updatedAt: rules.updatedAt,
    updatedByName: rules.updatedByName,
    updatedBy: rules.updatedBy,
  });
}

/** A lagging project from its row, with the light evaluateProjectLight gives it, as `Project.trafficLight` does. */
export function laggingProjectOf(row: ProjectFiguresRow, timeProgress: number, thresholds: LightThresholds): LaggingProject {
  const completionRate = percentOf(row.done, row.plan ?? '0');
  return {
    projectId: row.id,
    projectName: row.name,
    projectCode: row.code,
    tenantCode: row.tenant_code,
    tenantName: row.tenant_name,
    annualPlanWan: row.plan ?? '0',
    completedThisYearWan: row.done,
    completionRate,
    progressGap: gapOf(completionRate, timeProgress),
    overdueMilestoneCount: row.overdue,
    openBlockerCount: row.open_blockers,
    trafficLight: evaluateProjectLight(
      { completionRate, timeProgress, overdueMilestones: row.overdue, openBlockers: row.open_blockers },
      thresholds,
    ),
  };
}

/**
 * The monthly bulletin (月通报): read live from the rollups' own services, published (frozen with a
 * hash), and read back. The file writers (Excel, Word) use `read`/`published` for the sections and
 * `laggingPages` for the lagging projects, page by page, so a city of 100,000 projects is never
 * held in memory at once.
 */
export class BulletinService {
  /** Read once: every section of one bulletin stands on the same day (as RollupService's figures do). */
  private readonly today = chinaDate();

  constructor(private readonly ctx: Context) {}

  /**
   * The live bulletin of a tenant for a month. NOT_FOUND for a tenant whose subtree the viewer does
   * not read (as `rollup`); BAD_USER_INPUT on `period` for a month that has not begun.
   */
  async read(code: string, period: Period): Promise<MonthlyBulletin> {
    this.assertBegun(period);
    const rollups = new RollupService(this.ctx);
    const root = await rollups.rollupOf(code, period, { breakdown: true });
    const tenant = root.tenantEntity;
    const [rules, thresholds] = await Promise.all([
      new BulletinRulesService(this.ctx).forPath(tenant.path),
      new TrafficLightRulesService(this.ctx).forPath(tenant.path),
    ]);
    const ranking = await rankChildren(rollups, code, period, rules.rankingMetric);
    // The 分地区 table follows the ranking; the reporting table, like the rollup's children, the codes.
    const byCode = ranking.map((e) => e.rollup).sort((a, b) => a.tenantEntity.code.localeCompare(b.tenantEntity.code));
    const before = periodAsOf(period.plusMonths(-1), this.today);
    const loaders = this.ctx.loaders;
    const [blockersNow, blockersBefore, ordersNow, ordersBefore, reporting, attraction] = await Promise.all([
      loaders.blocker.figures(root.asOf, TenantBasis.OWNER).load(code),
      loaders.blocker.figures(before, TenantBasis.OWNER).load(code),
      loaders.supervisionOrder.figures(root.asOf, TenantBasis.OWNER).load(code),
      loaders.supervisionOrder.figures(before, TenantBasis.OWNER).load(code),
      loaders.progressReport.reporting(period).loadMany([code, ...byCode.map((r) => r.tenantEntity.code)]),
      loaders.attraction.figures(period).load(code),
    ]);
    const scope: ProjectScope = { rootPath: tenant.path, period, asOf: root.asOf, today: this.today };
    const {
      ahead,
      behind,
      laggingCount: lagging,
    } = await projectLists(this.ctx, scope, {
      aheadPoints: rules.redListAheadPoints,
      behindPoints: rules.blackListBehindPoints,
      plannedStartMissed: rules.blackListPlannedStartMissed,
      overdueMilestones: rules.blackListOverdueMilestones,
      maxEntries: rules.maxEntries,
    });
    const blockers = Object.assign(new BlockerFigures(), { types: blockersNow, basis: TenantBasis.OWNER });
    const blockersThen = Object.assign(new BlockerFigures(), { types: blockersBefore, basis: TenantBasis.OWNER });
    const children = ranking.map((e) => e.rollup);
    return Object.assign(new MonthlyBulletin(), {
      tenantCode: tenant.code,
      tenantName: tenant.name,
      tenantLevel: tenant.level,
      period,
      asOf: root.asOf,
      title: {
        zh: `${tenant.name}重点项目建设情况通报（${period.chineseName}）`,
        en: `Key projects of ${tenant.name}: monthly bulletin, ${period.toString()}`,
      },
      sections: Object.values(BulletinSection).map((section) => ({ section, title: ENUM_LABELS.BulletinSection[section] })),
      rules: rulesContent(rules),
      overview: figuresOf(root),
      byTenant: {
        metric: rules.rankingMetric,
        rows: ranking.map((e) => ({
          ...figuresOf(e.rollup),
          tenantCode: e.rollup.tenantEntity.code,
          tenantName: e.rollup.tenantEntity.name,
          position: e.position,
          previousPosition: e.previousPosition,
          positionChange: e.positionChange,
        })),
      },
      byCategory: root.figures.byCategory ?? [],
      byDesignationLevel: root.figures.byDesignationLevel ?? [],
      redList: {
        tenants: tenantListEntries(children, 'ahead', rules),
        projects: projectListEntries(ahead, root.timeProgress, 'ahead', rules),
      },
      blackList: {
        tenants: tenantListEntries(children, 'behind', rules),
        projects: projectListEntries(behind, root.timeProgress, 'behind', rules),
      },
      laggingProjectCount: lagging,
      blockers: Object.assign(new BulletinBlockers(), {
        types: blockersNow,
        basis: TenantBasis.OWNER,
        raisedInMonthCount: blockers.raisedCount - blockersThen.raisedCount,
        resolvedInMonthCount: blockers.resolvedCount - blockersThen.resolvedCount,
      }),
      reporting: {
        total: reportingOf(reporting[0]),
        rows: byCode.map((child, i) =>
          Object.assign(new BulletinReportingRow(), reportingOf(reporting[i + 1]), {
            tenantCode: child.tenantEntity.code,
            tenantName: child.tenantEntity.name,
          }),
        ),
      },
      attraction: Object.assign(new BulletinAttraction(), attraction),
      supervisionOrders: Object.assign(new BulletinSupervisionOrders(), ordersNow, {
        basis: TenantBasis.OWNER,
        issuedInMonthCount: ordersNow.issuedCount - ordersBefore.issuedCount,
        closedInMonthCount: ordersNow.closedCount - ordersBefore.closedCount,
      }),
      publication: null,
      live: { scope, timeProgress: root.timeProgress, thresholds },
    });
  }

  /** BAD_USER_INPUT on `period` for a month that has not begun: no bulletin is made for it. */
  private assertBegun(period: Period): void {
    if (period.compare(Period.ofDate(this.today)) > 0) {
      throw badUserInput('period', {
        zh: `${period.chineseName}尚未开始，无法生成月通报：请选择本月或以前的月份`,
        en: `${period.toString()} has not begun; choose this month or an earlier one`,
      });
    }
  }

  /**
   * What a download link needs of a live bulletin before any of its figures: the refusals `read`
   * gives (a month not begun, a tenant out of reach) from the tenant's rollup alone, and the name
   * the file takes. Reading the whole bulletin for a link judged every project of the subtree three
   * times, only for the file's route to judge them again.
   */
  async heading(code: string, period: Period): Promise<BulletinHeading> {
    this.assertBegun(period);
    const root = await new RollupService(this.ctx).rollupOf(code, period);
    return { tenantCode: root.tenantEntity.code, tenantName: root.tenantEntity.name, period, publication: null };
  }

  /** A page of a bulletin's lagging projects: live ones from the figures, published ones from their frozen rows. */
  async laggingProjects(bulletin: MonthlyBulletin, args: LaggingPageArgs): Promise<Page<LaggingProject>> {
    const { first, after } = args;
    const decoded = after === undefined ? undefined : decodeCursor(after);
    if (bulletin.publication) {
      const publication = bulletin.publication;
      let seq = 0;
      // The rows as stored (jsonb) are what the hash covers, so a reader can recompute it from them.
      if (decoded) {
        const [name, key] = decoded;
        if (name !== FROZEN_CURSOR || !Number.isInteger(key)) throw foreignCursor();
        seq = key as number;
      } else if (after !== undefined) throw foreignCursor();
      const rows = await this.ctx.em.execute<{ seq: number; row: LaggingProject }[]>(
        `select seq, row from bulletin_publication_lagging where publication_id = ? and seq > ? order by seq limit ?`,
        [publication.id, seq, first + 1],
      );
      const seqs = new Map(rows.map((r) => [r.row, r.seq]));
      return pageOf(
        rows.map((r) => r.row),
        first,
        after,
        (node) => encodeCursor([FROZEN_CURSOR, seqs.get(node)!]),
        () => Promise.resolve(publication.laggingProjectCount),
      );
    }
    const live = bulletin.live;
    if (!live) throw notFound('Tenant', bulletin.tenantCode);
    let key: { code: string; id: string } | undefined;
    if (decoded) {
      const [name, code, id] = decoded;
      if (name !== LIVE_CURSOR || typeof code !== 'string' || typeof id !== 'string' || !isUuid(id)) throw foreignCursor();
      key = { code, id };
    } else if (after !== undefined) throw foreignCursor();
    const rows = await laggingRows(this.ctx, live.scope, first + 1, key);
    return pageOf(
      rows.map((row) => laggingProjectOf(row, live.timeProgress, live.thresholds)),
      first,
      after,
      (node) => encodeCursor([LIVE_CURSOR, node.tenantCode, node.projectId]),
      () => Promise.resolve(bulletin.laggingProjectCount),
    );
  }

  /** Every lagging project of a bulletin, `pageSize` rows at a time (keyset paging: no offset, no whole list in memory). */
  async *laggingPages(bulletin: MonthlyBulletin, pageSize: number = LAGGING_PAGE_SIZE): AsyncGenerator<LaggingProject[]> {
    let after: string | undefined;
    for (;;) {
      const page = await this.laggingProjects(bulletin, { first: pageSize, after });
      if (page.nodes.length > 0) yield page.nodes;
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor ?? undefined;
    }
  }

  /**
   * The `limit` lagging projects of a bulletin furthest behind time progress (the most negative gap
   * first, those without a gap last, then in the list's order), chosen by the database: from the
   * figures for a live bulletin, from the frozen rows for a published one.
   */
  async furthestBehind(bulletin: MonthlyBulletin, limit: number): Promise<LaggingProject[]> {
    if (bulletin.publication) {
      const rows = await this.ctx.em.execute<{ row: LaggingProject }[]>(
        `select row from bulletin_publication_lagging where publication_id = ?
          order by (row->>'progressGap')::numeric asc nulls last, seq limit ?`,
        [bulletin.publication.id, limit],
      );
      return rows.map((r) => r.row);
    }
    const live = bulletin.live;
    if (!live) throw notFound('Tenant', bulletin.tenantCode);
    const rows = await furthestBehindRows(this.ctx, live.scope, limit);
    return rows.map((row) => laggingProjectOf(row, live.timeProgress, live.thresholds));
  }

  /**
   * Freezes the bulletin as it reads now: version n + 1 for the tenant and month, its content and
   * lagging projects stored, the hash taken over both as they are written. The managers (领导) of
   * the tenant itself only; NOT_FOUND first for a tenant out of reach, as reading it would be.
   */
  async publish(code: string, period: Period): Promise<BulletinPublication> {
    return inUnitOfWork(this.ctx, async (tx) => {
      const service = new BulletinService(tx);
      const bulletin = await service.read(code, period);
      const tenant = await tx.loaders.tenant.byCode.load(bulletin.tenantCode);
      if (!tenant || !tx.access.managesProjectsAt(tenant.path)) {
        throw forbidden({
          zh: `只有${bulletin.tenantName}的领导可以印发本级月通报`,
          en: `only the leaders of ${bulletin.tenantName} may publish its bulletin`,
        });
      }
      const content = frozenContent(bulletin);
      const [last] = await tx.em.execute<{ version: number | null }[]>(
        `select max(version) as version from bulletin_publication where tenant_code = ? and period = ?::date`,
        [bulletin.tenantCode, period.firstDay],
      );
      const publication = tx.em.create(BulletinPublication, {
        tenantCode: bulletin.tenantCode,
        period: period.firstDay,
        version: (last?.version ?? 0) + 1,
        content,
        hash: null,
        publishedBy: tx.viewer.subject,
        publishedByName: tx.viewer.name ?? tx.viewer.subject,
        laggingProjectCount: bulletin.laggingProjectCount,
      });
      await tx.em.flush();
      const hash = new BulletinHash(content);
      let seq = 0;
      // The rows as stored (jsonb) are what the hash covers, so a reader can recompute it from them.
      for await (const page of service.laggingPages(bulletin)) {
        const rows = JSON.parse(JSON.stringify(page)) as unknown[];
        for (const row of rows) hash.addRow(row);
        await tx.em.execute(
          `insert into bulletin_publication_lagging (publication_id, seq, row)
           select ?::uuid, ?::int + r.ordinality, r.value from jsonb_array_elements(?::jsonb) with ordinality r`,
          [publication.id, seq, JSON.stringify(rows)],
        );
        seq += rows.length;
      }
      // Sealed: the application may set the hash once, while it is null (the table's update policy).
      publication.hash = hash.hex();
      await tx.em.flush();
      return publication;
    });
  }

  /** The published versions of a tenant's bulletin for a month, oldest first; NOT_FOUND as `read` for a tenant out of reach. */
  async publications(code: string, period: Period): Promise<BulletinPublication[]> {
    await new RollupService(this.ctx).rollupOf(code, period);
    return this.ctx.em.find(BulletinPublication, { tenantCode: code, period: period.firstDay }, { orderBy: { version: 'asc' } });
  }

  /** A publication by id; NOT_FOUND when there is none in reach (row-level security keeps others' out). */
  async publication(id: string): Promise<BulletinPublication> {
    const found = isUuid(id) ? await this.ctx.em.findOne(BulletinPublication, { id }) : null;
    if (!found) throw notFound('BulletinPublication', id);
    return found;
  }

  /** A published bulletin's frozen content, with `publication` set. NOT_FOUND when there is none in reach. */
  async published(id: string): Promise<MonthlyBulletin> {
    const publication = await this.publication(id);
    return thawedContent(publication);
  }
}
