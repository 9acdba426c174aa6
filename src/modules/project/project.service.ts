import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedYear } from '../../calendar/input-range';
import { chinaDate, Period } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { AppError, conflict, ErrorCode, forbidden, notFound } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import type { RecordKind } from '../../errors/record-names';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { canonicalWan, compareWan, subtractWan } from '../../money/wan';
import { FundArrival } from '../funds/fund-arrival.entity';
import { TenantService, isWithin } from '../tenant/tenant.service';
import type { Tenant } from '../tenant/tenant.entity';
import { AnnualPlan } from './annual-plan.entity';
import { checkedFundingSources } from './plan-funding';
import { ProjectAccess } from './project-access';
import { Project } from './project.entity';
import { ProjectStage, stageRank } from './project.enums';
import type { ChangeProjectStage, CreateProject } from './project.commands';
import type { SetAnnualPlanInput, UpdateProjectInput } from './project.inputs';
import { checkAnnualPlan, checkDescriptiveFields, checkedProjectCode, checkProjectFields, cleanText } from './project-rules';
import { StageChange } from './stage-change.entity';
import { requireStartCleared } from './start-gate';

/**
 * Notes the system writes on the records it keeps (stage history, fund arrivals). A stored record
 * is read by officials, in whatever language they later ask for, so it is written once, in Chinese.
 */
const SYSTEM_NOTES = {
  registered: '项目录入',
  fundsAtRegistration: '项目录入时已到位资金',
  fundsRaised: '修改项目信息时调增到位资金',
} as const;

export class ProjectService {
  private readonly tenants: TenantService;
  readonly access: ProjectAccess;

  constructor(private readonly ctx: Context) {
    this.tenants = new TenantService(ctx);
    this.access = new ProjectAccess(ctx);
  }

  /** A project the viewer may read; NOT_FOUND otherwise, whether it exists or not. */
  async get(id: string): Promise<Project> {
    const project = isUuid(id) ? await this.ctx.loaders.project.byId.load(id) : undefined;
    if (!project) throw notFound('Project', id);
    await this.access.requireRead(project);
    return project;
  }

  /**
   * The project a child record (report, milestone, assignment) hangs off, when the viewer may read
   * it. Otherwise the child itself is NOT_FOUND: a record of a project out of reach does not exist
   * for the viewer. Other errors pass unchanged.
   */
  async getParentOf(projectId: string, entity: RecordKind, id: string): Promise<Project> {
    try {
      return await this.get(projectId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) throw notFound(entity, id);
      throw error;
    }
  }

  /** A project the viewer may edit (its owner's managers). */
  async getToManage(id: string): Promise<Project> {
    const project = await this.get(id);
    await this.access.requireManage(project);
    return project;
  }

  /** A project the viewer may report on or keep milestones of (managers and assignees). */
  async getToActOn(id: string): Promise<Project> {
    const project = await this.get(id);
    await this.access.requireActOn(project);
    return project;
  }

  async create(input: CreateProject): Promise<Project> {
    const problems = new InputProblems();
    const today = chinaDate();
    const code = checkedProjectCode(input.code, 'input.code', problems);
    const owner = await this.tenants.activeForInput(input.ownerTenantCode, 'input.ownerTenantCode', problems);
    const location = await this.locationFor(owner, input.locationTenantCode, problems);
    if (owner && !this.ctx.access.managesProjectsAt(owner.path)) {
      throw forbidden({
        zh: `只有${owner.name}本级的项目管理人员可以录入其项目`,
        en: `only ${owner.name}'s own officers may register its projects`,
      });
    }
    const values = {
      name: cleanText(input.name) ?? '',
      code,
      totalInvestmentWan: input.totalInvestmentWan,
      fundsInPlaceWan: input.fundsInPlaceWan ?? '0',
      completedBeforeTrackingWan: input.completedBeforeTrackingWan ?? '0',
      plannedStartOn: input.plannedStartOn ?? undefined,
      plannedCompletionOn: input.plannedCompletionOn ?? undefined,
      designationLevels: input.designationLevels ?? [],
    };
    checkProjectFields(values, problems);
    checkDescriptiveFields(input, problems);
    const stage = input.stage ?? ProjectStage.PLANNED;
    const stageSince = input.stageSince ?? today;
    problems.require(stageSince <= today, 'input.stageSince', {
      zh: '进入该阶段的日期不能晚于今天',
      en: 'the stage cannot have been reached in the future',
    });
    const plans = input.annualPlans ?? [];
    plans.forEach((plan, i) => checkAnnualPlan(plan, values.totalInvestmentWan, `input.annualPlans.${i}`, problems));
    const sourcesOf = plans.map((plan, i) =>
      checkedFundingSources(plan.fundingSources ?? [], plan.plannedInvestmentWan, `input.annualPlans.${i}.fundingSources`, problems),
    );
    problems.require(new Set(plans.map((p) => p.year)).size === plans.length, 'input.annualPlans', {
      zh: '同一年度的计划重复',
      en: 'a year is planned twice',
    });
    problems.throwIfAny();
    if (code) await this.requireFreeCode(code);

    return this.ctx.em.transactional(async (em) => {
      const project = em.create(Project, {
        ...values,
        constructionContent: cleanText(input.constructionContent),
        category: input.category,
        nature: input.nature,
        stage,
        owner: owner!,
        location,
        isInStatisticsDatabase: input.isInStatisticsDatabase ?? false,
        ownerUnit: cleanText(input.ownerUnit),
        contactName: cleanText(input.contactName),
        contactPhone: cleanText(input.contactPhone),
      });
      this.recordStageChange(em, project, undefined, stage, stageSince, SYSTEM_NOTES.registered);
      for (const [i, plan] of plans.entries()) {
        em.create(AnnualPlan, {
          project,
          year: plan.year,
          plannedInvestmentWan: plan.plannedInvestmentWan,
          fundingSources: sourcesOf[i],
          nature: plan.nature ?? input.nature,
          designationLevels: plan.designationLevels ?? values.designationLevels,
        });
      }
      // The project's total is the sum of its arrivals: what is in place at registration is one, dated today.
      if (compareWan(values.fundsInPlaceWan, '0') > 0)
        this.recordArrival(em, project, values.fundsInPlaceWan, today, SYSTEM_NOTES.fundsAtRegistration);
      return project;
    });
  }

  async update(input: UpdateProjectInput): Promise<Project> {
    const project = await this.getToManage(input.id);
    expectVersion('project', project, input.version);
    const problems = new InputProblems();
    // Omitted means unchanged; null clears what may be cleared. Required fields ignore null.
    const pick = <T>(value: T | null | undefined, current: T): T => (value === undefined || value === null ? current : value);
    const clearable = <T>(value: T | null | undefined, current: T | undefined): T | undefined =>
      value === undefined ? current : (value ?? undefined);
    const code = input.code === undefined ? project.code : checkedProjectCode(input.code, 'input.code', problems);
    const values = {
      name: input.name === undefined || input.name === null ? project.name : (cleanText(input.name) ?? ''),
      code,
      totalInvestmentWan: pick(input.totalInvestmentWan, project.totalInvestmentWan),
      fundsInPlaceWan: pick(input.fundsInPlaceWan, project.fundsInPlaceWan),
      completedBeforeTrackingWan: pick(input.completedBeforeTrackingWan, project.completedBeforeTrackingWan),
      plannedStartOn: clearable(input.plannedStartOn, project.plannedStartOn),
      plannedCompletionOn: clearable(input.plannedCompletionOn, project.plannedCompletionOn),
      designationLevels: pick(input.designationLevels, project.designationLevels),
    };
    checkProjectFields(values, problems);
    checkDescriptiveFields(input, problems);
    // Funds in place are the sum of dated arrivals: a higher total records the difference as one, a lower one nothing.
    const arrived = subtractWan(values.fundsInPlaceWan, project.fundsInPlaceWan);
    problems.require(compareWan(arrived, '0') >= 0, 'input.fundsInPlaceWan', {
      zh: `到位资金是各笔到位记录之和（现为 ${canonicalWan(project.fundsInPlaceWan)} 万元），只增不减：录入有误的，请删除那笔到位记录`,
      en: `funds in place are the sum of dated arrivals (${canonicalWan(project.fundsInPlaceWan)} 万元 now) and only grow: remove a wrong arrival with removeFundArrival`,
    });
    const owner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    let location = project.location;
    if (input.locationTenantCode !== undefined) {
      location = await this.locationFor(owner, input.locationTenantCode, problems);
    }
    if (input.totalInvestmentWan) {
      const plans = await this.ctx.loaders.project.annualPlans.load(project.id);
      const largest = plans.find((p) => compareWan(p.plannedInvestmentWan, values.totalInvestmentWan) > 0);
      if (largest) {
        problems.add('input.totalInvestmentWan', {
          zh: `${largest.year} 年计划投资超过新的总投资`,
          en: `the plan for ${largest.year} exceeds the new total investment`,
        });
      }
    }
    problems.throwIfAny();
    if (code && code !== project.code) await this.requireFreeCode(code);

    return this.ctx.em.transactional(async (em) => {
      const managed = em.merge(project);
      em.assign(managed, {
        ...values,
        location,
        constructionContent: clearable(cleanText(input.constructionContent), managed.constructionContent),
        category: pick(input.category, managed.category),
        nature: pick(input.nature, managed.nature),
        isInStatisticsDatabase: pick(input.isInStatisticsDatabase, managed.isInStatisticsDatabase),
        ownerUnit: input.ownerUnit === undefined ? managed.ownerUnit : cleanText(input.ownerUnit),
        contactName: input.contactName === undefined ? managed.contactName : cleanText(input.contactName),
        contactPhone: input.contactPhone === undefined ? managed.contactPhone : cleanText(input.contactPhone),
      });
      await this.setThisYearsListing(em, managed, input);
      if (compareWan(arrived, '0') > 0) {
        // The project's row first, with its new total: the arrival then finds the total it makes, and
        // the change is one update of the project (one audit record, one event), not two.
        await em.flush();
        this.recordArrival(em, managed, arrived, chinaDate(), SYSTEM_NOTES.fundsRaised);
      }
      return managed;
    });
  }

  /**
   * Nature and designation levels given to the project are this year's: they go on this year's plan
   * too (when the project is on this year's list); other years' plans keep theirs.
   */
  private async setThisYearsListing(em: EntityManager, project: Project, input: UpdateProjectInput): Promise<void> {
    if (!input.nature && !input.designationLevels) return;
    const plan = await em.findOne(AnnualPlan, { project: project.id, year: Period.current().year });
    if (!plan) return;
    if (input.nature) plan.nature = input.nature;
    if (input.designationLevels) plan.designationLevels = input.designationLevels;
    this.ctx.loaders.project.annualPlans.clear(project.id);
  }

  private recordArrival(em: EntityManager, project: Project, amountWan: string, arrivedOn: string, note: string): void {
    em.create(FundArrival, {
      project,
      arrivedOn,
      amountWan,
      note,
      recordedBy: this.ctx.viewer.subject,
      recordedByName: this.ctx.viewer.name,
    });
  }

  async changeStage(input: ChangeProjectStage): Promise<Project> {
    const project = await this.getToManage(input.projectId);
    expectVersion('project', project, input.version);
    const today = chinaDate();
    const changedOn = input.changedOn ?? today;
    const note = cleanText(input.note);
    if (input.stage === project.stage) {
      throw conflict(
        { zh: `项目已处于${ENUM_LABELS.ProjectStage[project.stage].zh}阶段`, en: `the project is already at stage ${project.stage}` },
        { field: 'input.stage' },
      );
    }
    const history = await this.ctx.loaders.project.stageHistory.load(project.id);
    const last = history.at(-1);
    const problems = new InputProblems();
    problems.require(changedOn <= today, 'input.changedOn', {
      zh: '阶段变更日期不能晚于今天',
      en: 'a stage cannot be reached in the future',
    });
    if (last) {
      problems.require(changedOn >= last.changedOn, 'input.changedOn', {
        zh: `上一次阶段变更日期为 ${last.changedOn}，之后的变更不能早于该日`,
        en: `the previous stage change was on ${last.changedOn}; a later change cannot be dated before it`,
      });
    }
    // Going back (e.g. a start that was reported too early) is a correction: it must say why.
    if (stageRank(input.stage) < stageRank(project.stage)) {
      problems.require(note !== undefined, 'input.note', {
        zh: '项目退回到之前的阶段，须在 note 中说明原因',
        en: 'moving a project back to an earlier stage needs a note saying why',
      });
    }
    problems.throwIfAny();
    await requireStartCleared(this.ctx.em, project.id, project.stage, input.stage, 'input.stage');
    return this.ctx.em.transactional(async (em) => {
      const managed = em.merge(project);
      this.recordStageChange(em, managed, managed.stage, input.stage, changedOn, note);
      managed.stage = input.stage;
      return managed;
    });
  }

  /**
   * Moves the project to a stage on the word of a monthly report's review: its approval confirms
   * the stage the report claimed, a return takes it back (see progress-report/report-stage.ts for
   * when). The change names the report; it is recorded as the reviewer's.
   */
  moveStageOnReview(em: EntityManager, project: Project, stage: ProjectStage, changedOn: string, note: string, reportId: string): void {
    this.recordStageChange(em, project, project.stage, stage, changedOn, note, reportId);
    project.stage = stage;
  }

  async setAnnualPlan(input: SetAnnualPlanInput): Promise<Project> {
    const project = await this.getToManage(input.projectId);
    expectVersion('project', project, input.version);
    const problems = new InputProblems();
    checkAnnualPlan(input, project.totalInvestmentWan, 'input', problems);
    const sources = input.fundingSources
      ? checkedFundingSources(input.fundingSources, input.plannedInvestmentWan, 'input.fundingSources', problems)
      : undefined;
    problems.throwIfAny();
    await this.ctx.em.transactional(async (em) => {
      const existing = await em.findOne(AnnualPlan, { project: project.id, year: input.year });
      if (existing) {
        // Sources kept as they are must still fit the new amount (the database's check holds it too).
        if (!sources) checkedFundingSources(existing.fundingSources, input.plannedInvestmentWan, 'input.plannedInvestmentWan', problems);
        problems.throwIfAny();
        existing.plannedInvestmentWan = input.plannedInvestmentWan;
        if (sources) existing.fundingSources = sources;
        if (input.nature) existing.nature = input.nature;
        if (input.designationLevels) existing.designationLevels = input.designationLevels;
      } else {
        em.create(AnnualPlan, {
          project: project.id,
          year: input.year,
          plannedInvestmentWan: input.plannedInvestmentWan,
          fundingSources: sources ?? [],
          nature: input.nature ?? project.nature,
          designationLevels: input.designationLevels ?? project.designationLevels,
        });
      }
    });
    this.ctx.loaders.project.annualPlans.clear(project.id);
    return project;
  }

  async removeAnnualPlan(projectId: string, year: number): Promise<Project> {
    checkedYear(year, 'year', 'planning');
    const project = await this.getToManage(projectId);
    const removed = await this.ctx.em.nativeDelete(AnnualPlan, { project: project.id, year });
    if (removed === 0) throw notFound('AnnualPlan', `${projectId}/${year}`);
    this.ctx.loaders.project.annualPlans.clear(project.id);
    return project;
  }

  private recordStageChange(
    em: EntityManager,
    project: Project,
    fromStage: ProjectStage | undefined,
    toStage: ProjectStage,
    changedOn: string,
    note: string | undefined,
    reportId?: string,
  ): void {
    em.create(StageChange, {
      project,
      fromStage,
      toStage,
      changedOn,
      note,
      report: reportId,
      recordedBy: this.ctx.viewer.subject,
      recordedByName: this.ctx.viewer.name,
    });
    this.ctx.loaders.project.stageHistory.clear(project.id);
  }

  /** Where the project is built: the owner itself or a tenant beneath it. */
  private async locationFor(
    owner: Tenant | undefined,
    code: string | null | undefined,
    problems: InputProblems,
  ): Promise<Tenant | undefined> {
    if (!code) return undefined;
    const location = await this.tenants.activeForInput(code, 'input.locationTenantCode', problems);
    if (location && owner && !isWithin(location, owner)) {
      problems.add('input.locationTenantCode', {
        zh: `${location.name}不在项目所属区划${owner.name}辖区内`,
        en: `${location.name} is not within the owning tenant ${owner.name}`,
      });
      return undefined;
    }
    return location;
  }

  private async requireFreeCode(code: string): Promise<void> {
    const taken = await this.ctx.em.count(Project, { code });
    if (taken > 0)
      throw conflict(
        { zh: `项目代码 ${code} 已被其他项目使用`, en: `another project already has the code ${code}` },
        { field: 'input.code' },
      );
  }
}
