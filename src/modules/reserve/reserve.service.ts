import { yearRangeProblem } from '../../calendar/input-range';
import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion, versionChecked } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { conflict, forbidden, notFound } from '../../errors/app-error';
import { withCallerFields } from '../../errors/caller-fields';
import { emptyText, fieldLabel, fieldProblem, InputProblems, textTooLong } from '../../errors/input-problems';
import { compareWan } from '../../money/wan';
import { ProjectNature, ProjectStage } from '../project/project.enums';
import { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import type { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { inUnitOfWork } from '../unit-of-work';
import { ReserveStatus } from './reserve.enums';
import type {
  DropReserveProjectInput,
  PoolReserveProjectInput,
  PromoteReserveProjectInput,
  UpdateReserveProjectInput,
} from './reserve.inputs';
import { ReserveProject } from './reserve-project.entity';

const NAME_LIMIT = 200;
const NAME = fieldLabel('项目名称', 'name');
const UNIT_LIMIT = 200;
const POSITIVE_ESTIMATE = { zh: '估算总投资须大于 0 万元', en: 'the estimated investment must be more than 0 万元' };
const NOT_IN_FUTURE = { zh: '日期不能晚于今天', en: 'the day cannot be in the future' };

/**
 * The reserve pool (储备库): a tenant's projects being planned, graded by readiness, until they are
 * promoted into a year's list or dropped. Promotion registers the key project through
 * ProjectService in the same unit of work, so the project's own rules, history, rollups and events
 * apply unchanged and a refused registration leaves the pool as it was. Who may write: the pool's
 * tenant's managers, as for its projects; who reads: its subtree.
 */
export class ReserveService {
  private readonly tenants: TenantService;

  constructor(private readonly ctx: Context) {
    this.tenants = new TenantService(ctx);
  }

  /** A reserve project the viewer reads (its pool's subtree); NOT_FOUND otherwise, whether it exists or not. */
  async get(id: string): Promise<ReserveProject> {
    const entry = isUuid(id) ? await this.ctx.loaders.reserve.byId.load(id) : undefined;
    const owner = entry ? await this.ctx.loaders.tenant.byCode.load(entry.owner.code) : undefined;
    if (!entry || !owner || !this.ctx.access.readsSubtreeOf(owner.path)) throw notFound('ReserveProject', id);
    return entry;
  }

  /** The reserve project a key project was promoted from, when the viewer reads it. */
  async ofProject(projectId: string): Promise<ReserveProject | null> {
    const entry = await this.ctx.loaders.reserve.byProject.load(projectId);
    if (!entry) return null;
    const owner = await this.ctx.loaders.tenant.byCode.load(entry.owner.code);
    return owner && this.ctx.access.readsSubtreeOf(owner.path) ? entry : null;
  }

  async pool(input: PoolReserveProjectInput): Promise<ReserveProject> {
    const problems = new InputProblems();
    const owner = await this.tenants.activeForInput(input.ownerTenantCode, 'input.ownerTenantCode', problems);
    if (owner) this.requireManager(owner);
    const text = this.checkedText(input, problems);
    const pooledOn = input.pooledOn ?? chinaDate();
    problems.require(pooledOn <= chinaDate(), 'input.pooledOn', NOT_IN_FUTURE);
    problems.require(compareWan(input.estimatedInvestmentWan, '0') > 0, 'input.estimatedInvestmentWan', POSITIVE_ESTIMATE);
    this.checkYear(input.intendedYear, 'input.intendedYear', problems);
    problems.throwIfAny();
    return this.ctx.em.transactional(async (em) =>
      em.create(ReserveProject, {
        name: text.name!,
        constructionContent: text.constructionContent,
        promotingUnit: text.promotingUnit,
        category: input.category,
        owner: owner!,
        estimatedInvestmentWan: input.estimatedInvestmentWan,
        intendedYear: input.intendedYear,
        maturity: input.maturity,
        pooledOn,
        createdBy: this.ctx.viewer.subject,
        createdByName: this.ctx.viewer.name,
        updatedBy: this.ctx.viewer.subject,
        updatedByName: this.ctx.viewer.name,
      }),
    );
  }

  async update(input: UpdateReserveProjectInput): Promise<ReserveProject> {
    const entry = await this.getPooledToManage(input.id);
    expectVersion('reserve', entry, input.version);
    const problems = new InputProblems();
    const kept = <T>(value: T | null | undefined, current: T) => (value === undefined || value === null ? current : value);
    const optional = (value: string | null | undefined, current: string | undefined) => (value === undefined ? current : cleanText(value));
    const text = this.checkedText(
      {
        name: input.name === undefined || input.name === null ? entry.name : input.name,
        constructionContent: optional(input.constructionContent, entry.constructionContent),
        promotingUnit: optional(input.promotingUnit, entry.promotingUnit),
      },
      problems,
    );
    const estimate = kept(input.estimatedInvestmentWan, entry.estimatedInvestmentWan);
    problems.require(compareWan(estimate, '0') > 0, 'input.estimatedInvestmentWan', POSITIVE_ESTIMATE);
    const year = kept(input.intendedYear, entry.intendedYear);
    if (input.intendedYear !== undefined && input.intendedYear !== null) this.checkYear(year, 'input.intendedYear', problems);
    problems.throwIfAny();
    return this.write(entry, async (managed) => {
      managed.name = text.name!;
      managed.constructionContent = text.constructionContent;
      managed.promotingUnit = text.promotingUnit;
      managed.category = kept(input.category, entry.category);
      managed.estimatedInvestmentWan = estimate;
      managed.intendedYear = year;
      managed.maturity = kept(input.maturity, entry.maturity);
    });
  }

  /**
   * Into a year's list: the key project is registered from the reserve project (name, content,
   * category, unit, the estimate as its total unless given) with the year's plan, at 谋划 or 前期 as
   * its readiness says, in the pool's tenant; problems of the registration name this input's fields.
   */
  async promote(input: PromoteReserveProjectInput): Promise<ReserveProject> {
    const entry = await this.getPooledToManage(input.id);
    expectVersion('reserve', entry, input.version);
    const on = input.on ?? chinaDate();
    const problems = new InputProblems();
    problems.require(on <= chinaDate() && on >= entry.pooledOn, 'input.on', {
      zh: '转入日期须在入库日期之后且不晚于今天',
      en: 'the promotion falls between the pooling and today',
    });
    const thisYear = Number(chinaDate().slice(0, 4));
    problems.require(input.year === thisYear || input.year === thisYear + 1, 'input.year', {
      zh: `只能转入今年（${thisYear}）或明年（${thisYear + 1}）的年度计划`,
      en: `a project is promoted into this year's (${thisYear}) or next year's list`,
    });
    problems.throwIfAny();
    return this.write(entry, async (managed, tx) => {
      const rename = {
        'input.annualPlans.0.plannedInvestmentWan': 'input.plannedInvestmentWan',
        'input.annualPlans.0.fundingSources': 'input.fundingSources',
        'input.annualPlans.0.year': 'input.year',
        'input.ownerTenantCode': 'input.id',
        'input.name': 'input.id',
        'input.stageSince': 'input.on',
      };
      const project = await withCallerFields(rename, () =>
        new ProjectService(tx).create({
          name: entry.name,
          code: input.code,
          constructionContent: entry.constructionContent,
          category: entry.category,
          nature: input.nature ?? ProjectNature.NEW,
          stage: entry.maturity === 'CONCEPT' ? ProjectStage.PLANNED : ProjectStage.PREPARATORY,
          stageSince: on,
          ownerTenantCode: entry.owner.code,
          totalInvestmentWan: input.totalInvestmentWan ?? entry.estimatedInvestmentWan,
          ownerUnit: entry.promotingUnit,
          plannedStartOn: input.plannedStartOn,
          plannedCompletionOn: input.plannedCompletionOn,
          designationLevels: input.designationLevels,
          annualPlans: [{ year: input.year, plannedInvestmentWan: input.plannedInvestmentWan, fundingSources: input.fundingSources }],
        }),
      );
      managed.project = tx.em.getReference(Project, project.id);
      managed.status = ReserveStatus.PROMOTED;
      managed.promotedYear = input.year;
      managed.closedOn = on;
      this.ctx.loaders.reserve.byProject.clear(project.id);
    });
  }

  async drop(input: DropReserveProjectInput): Promise<ReserveProject> {
    const entry = await this.getPooledToManage(input.id);
    expectVersion('reserve', entry, input.version);
    const problems = new InputProblems();
    const reason = cleanText(input.reason);
    problems.require(reason !== undefined, 'input.reason', emptyText(fieldLabel('出库原因', 'reason')));
    const on = input.on ?? chinaDate();
    problems.require(on <= chinaDate() && on >= entry.pooledOn, 'input.on', {
      zh: '出库日期须在入库日期之后且不晚于今天',
      en: 'the drop falls between the pooling and today',
    });
    problems.throwIfAny();
    return this.write(entry, async (managed) => {
      managed.status = ReserveStatus.DROPPED;
      managed.dropReason = reason;
      managed.closedOn = on;
    });
  }

  /** A pooled project the viewer may change: its pool's managers, and only while it is in the pool. */
  private async getPooledToManage(id: string): Promise<ReserveProject> {
    const entry = await this.get(id);
    const owner = (await this.ctx.loaders.tenant.byCode.load(entry.owner.code))!;
    this.requireManager(owner);
    if (entry.status !== ReserveStatus.POOLED) {
      throw conflict(
        {
          zh: entry.status === ReserveStatus.PROMOTED ? '该储备项目已转入年度计划，不能再修改' : '该储备项目已出库，不能再修改',
          en: `the reserve project is ${entry.status.toLowerCase()} and no longer changes`,
        },
        { field: 'input.id' },
      );
    }
    return entry;
  }

  private requireManager(owner: Tenant): void {
    if (!this.ctx.access.managesProjectsAt(owner.path)) {
      throw forbidden({
        zh: `只有${owner.name}本级的项目管理人员可以管理其储备库`,
        en: `only ${owner.name}'s own officers manage its reserve pool`,
      });
    }
  }

  private checkedText(
    input: { name: string; constructionContent?: string | null; promotingUnit?: string | null },
    problems: InputProblems,
  ): { name?: string; constructionContent?: string; promotingUnit?: string } {
    const text = {
      name: cleanText(input.name),
      constructionContent: cleanText(input.constructionContent),
      promotingUnit: cleanText(input.promotingUnit),
    };
    problems.require(text.name !== undefined, 'input.name', emptyText(NAME));
    problems.require((text.name ?? '').length <= NAME_LIMIT, 'input.name', textTooLong(NAME, NAME_LIMIT));
    problems.require(
      (text.promotingUnit ?? '').length <= UNIT_LIMIT,
      'input.promotingUnit',
      textTooLong(fieldLabel('推进单位', 'promotingUnit'), UNIT_LIMIT),
    );
    return text;
  }

  /** A year it is meant for: not before this one (a pool looks ahead), within the planning horizon. */
  private checkYear(year: number, field: string, problems: InputProblems): void {
    const outOfReach = yearRangeProblem(year, 'planning');
    if (outOfReach) problems.add(field, fieldProblem(fieldLabel('拟实施年度', 'intendedYear'), outOfReach));
    const thisYear = Number(chinaDate().slice(0, 4));
    problems.require(outOfReach !== undefined || year >= thisYear, field, {
      zh: `拟实施年度不能早于今年（${thisYear}）`,
      en: `the intended year cannot be before this year (${thisYear})`,
    });
  }

  private async write(entry: ReserveProject, change: (managed: ReserveProject, tx: Context) => Promise<void>): Promise<ReserveProject> {
    await versionChecked('reserve', () =>
      inUnitOfWork(this.ctx, async (tx) => {
        const managed = tx.em.merge(entry);
        await change(managed, tx);
        managed.updatedBy = this.ctx.viewer.subject;
        managed.updatedByName = this.ctx.viewer.name;
      }),
    );
    this.ctx.loaders.reserve.byId.clear(entry.id);
    return entry;
  }
}
