import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion, versionChecked } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { withCallerFields } from '../../errors/caller-fields';
import { conflict, forbidden, notFound } from '../../errors/app-error';
import { emptyText, fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { canonicalWan, compareWan, subtractWan } from '../../money/wan';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { Project } from '../project/project.entity';
import { isStarted, ProjectCategory, ProjectNature, ProjectStage } from '../project/project.enums';
import { FundArrivalService } from '../funds/fund-arrival.service';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import { startedOnFrom } from '../project/stage-history';
import { inUnitOfWork } from '../unit-of-work';
import type { Tenant } from '../tenant/tenant.entity';
import { isWithin, TenantService } from '../tenant/tenant.service';
import { LeadStage, leadStageRank, nextLeadStage } from './attraction.enums';
import type {
  AdvanceInvestmentLeadInput,
  CreateInvestmentLeadInput,
  RecordLeadFundsInput,
  StartInvestmentLeadInput,
  UpdateInvestmentLeadInput,
} from './attraction.inputs';
import { InvestmentLead } from './investment-lead.entity';
import { LeadStageChange } from './lead-stage-change.entity';

const TEXT_LIMITS = { name: 200, investorName: 200, investorOrigin: 100, industry: 100, responsibleUnit: 200 } as const;

/** How a person knows those fields: the terms of the input's descriptions. */
const TEXT_TERMS: Readonly<Record<keyof typeof TEXT_LIMITS, string>> = {
  name: '招商项目名称',
  investorName: '投资方 / 客商',
  investorOrigin: '客商来源地',
  industry: '产业',
  responsibleUnit: '招商责任单位',
};

const textLabel = (field: keyof typeof TEXT_LIMITS) => fieldLabel(TEXT_TERMS[field], `input.${field}`);

/** The date a lead reached the step it stands at: the earliest date its next step may carry. */
function dateOfStage(lead: InvestmentLead): string {
  switch (lead.stage) {
    case LeadStage.INTENT:
      return lead.intentOn;
    case LeadStage.FRAMEWORK_AGREEMENT:
      return lead.frameworkAgreedOn!;
    case LeadStage.CONTRACT_SIGNED:
      return lead.signedOn!;
    case LeadStage.STARTED:
      return lead.startedOn!;
    case LeadStage.FUNDS_IN_PLACE:
      return lead.fundsInPlaceOn!;
  }
}

/** The Chinese label of a lead's step, for the Chinese text of a message. */
const stageOf = (stage: LeadStage): string => ENUM_LABELS.LeadStage[stage].zh;

const POSITIVE_SIGNED = { zh: '签约金额须大于 0 万元', en: 'the signed amount must be more than 0 万元' };
const POSITIVE_INTENDED = { zh: '意向投资额须大于 0 万元', en: 'the intended investment must be more than 0 万元' };
const SIGNED_WHEN_SIGNING = { zh: '签约金额在正式签约时填写', en: 'the signed amount is given when signing' };
const FUNDS_AFTER_START = { zh: '到位资金在开工后登记', en: 'funds in place are recorded after the start' };
const fundsOnlyGrow = (recorded: string) => ({
  zh: `到位资金只增不减：已登记 ${canonicalWan(recorded)} 万元`,
  en: `funds in place only grow: ${canonicalWan(recorded)} 万元 are recorded already`,
});

/**
 * Investment attraction (招商引资): leads move intent → framework agreement → contract → start →
 * funds in place, one dated step at a time. The start makes (or links) the key project through
 * ProjectService, so the project's own rules, stage history, rollups and events apply unchanged.
 */
export class AttractionService {
  private readonly tenants: TenantService;

  constructor(private readonly ctx: Context) {
    this.tenants = new TenantService(ctx);
  }

  /** A lead the viewer reads (its owner's subtree); NOT_FOUND otherwise, whether it exists or not. */
  async get(id: string): Promise<InvestmentLead> {
    const lead = isUuid(id) ? await this.ctx.loaders.attraction.byId.load(id) : undefined;
    const owner = lead ? await this.ctx.loaders.tenant.byCode.load(lead.owner.code) : undefined;
    if (!lead || !owner || !this.ctx.access.readsSubtreeOf(owner.path)) throw notFound('InvestmentLead', id);
    return lead;
  }

  /** A lead the viewer may change: its owning tenant's managers. */
  async getToManage(id: string): Promise<{ lead: InvestmentLead; owner: Tenant }> {
    const lead = await this.get(id);
    const owner = (await this.ctx.loaders.tenant.byCode.load(lead.owner.code))!;
    if (!this.ctx.access.managesProjectsAt(owner.path)) {
      throw forbidden({ zh: '只有招商线索所属区划的管理人员可以修改此线索', en: "only the owning tenant's officers may change this lead" });
    }
    return { lead, owner };
  }

  /** The lead of a project, when the viewer reads the lead. */
  async ofProject(projectId: string): Promise<InvestmentLead | null> {
    const lead = await this.ctx.loaders.attraction.byProject.load(projectId);
    if (!lead) return null;
    const owner = await this.ctx.loaders.tenant.byCode.load(lead.owner.code);
    return owner && this.ctx.access.readsSubtreeOf(owner.path) ? lead : null;
  }

  async create(input: CreateInvestmentLeadInput): Promise<InvestmentLead> {
    const problems = new InputProblems();
    const today = chinaDate();
    const owner = await this.tenants.activeForInput(input.ownerTenantCode, 'input.ownerTenantCode', problems);
    if (owner && !this.ctx.access.managesProjectsAt(owner.path)) {
      throw forbidden({
        zh: `只有${owner.name}本级的管理人员可以登记其招商线索`,
        en: `only ${owner.name}'s own officers may register its investment leads`,
      });
    }
    const text = {
      name: cleanText(input.name),
      investorName: cleanText(input.investorName),
      investorOrigin: cleanText(input.investorOrigin),
      industry: cleanText(input.industry),
      responsibleUnit: cleanText(input.responsibleUnit),
    };
    this.checkText(text, problems);
    const intentOn = input.intentOn ?? today;
    problems.require(intentOn <= today, 'input.intentOn', {
      zh: '达成意向日期不能晚于今天',
      en: 'an intent cannot be reached in the future',
    });
    problems.require(compareWan(input.intendedWan, '0') > 0, 'input.intendedWan', POSITIVE_INTENDED);
    problems.throwIfAny();
    return this.ctx.em.transactional(async (em) => {
      const lead = em.create(InvestmentLead, {
        ...text,
        name: text.name!,
        investorName: text.investorName!,
        owner: owner!,
        stage: LeadStage.INTENT,
        intentOn,
        intendedWan: input.intendedWan,
        createdBy: this.ctx.viewer.subject,
        createdByName: this.ctx.viewer.name,
        updatedBy: this.ctx.viewer.subject,
        updatedByName: this.ctx.viewer.name,
      });
      this.recordStep(em, lead, LeadStage.INTENT, intentOn, input.intendedWan, undefined);
      return lead;
    });
  }

  async update(input: UpdateInvestmentLeadInput): Promise<InvestmentLead> {
    const { lead } = await this.getToManage(input.id);
    expectVersion('lead', lead, input.version);
    const problems = new InputProblems();
    const required = (value: string | null | undefined, current: string) =>
      value === undefined || value === null ? current : cleanText(value);
    const optional = (value: string | null | undefined, current: string | undefined) => (value === undefined ? current : cleanText(value));
    const text = {
      name: required(input.name, lead.name),
      investorName: required(input.investorName, lead.investorName),
      investorOrigin: optional(input.investorOrigin, lead.investorOrigin),
      industry: optional(input.industry, lead.industry),
      responsibleUnit: optional(input.responsibleUnit, lead.responsibleUnit),
    };
    this.checkText(text, problems);
    if (input.intendedWan) {
      problems.require(compareWan(input.intendedWan, '0') > 0, 'input.intendedWan', POSITIVE_INTENDED);
    }
    if (input.signedWan) {
      // By the stage, not `signedWan !== undefined`: an unsigned lead's column loads as null.
      const isSigned = leadStageRank(lead.stage) >= leadStageRank(LeadStage.CONTRACT_SIGNED);
      const notSigned = {
        zh: '该线索尚未签约：请先办理正式签约',
        en: 'the lead is not signed yet: sign it with advanceInvestmentLead',
      };
      if (problems.require(isSigned, 'input.signedWan', notSigned)) {
        problems.require(compareWan(input.signedWan, '0') > 0, 'input.signedWan', POSITIVE_SIGNED);
      }
    }
    problems.throwIfAny();
    return this.write(lead, async (managed) => {
      Object.assign(managed, text);
      if (input.intendedWan) managed.intendedWan = input.intendedWan;
      if (input.signedWan) managed.signedWan = input.signedWan;
    });
  }

  async advance(input: AdvanceInvestmentLeadInput): Promise<InvestmentLead> {
    const { lead } = await this.getToManage(input.id);
    expectVersion('lead', lead, input.version);
    const next = nextLeadStage(lead.stage);
    if (input.stage !== next) {
      const why =
        leadStageRank(input.stage) <= leadStageRank(lead.stage)
          ? {
              zh: `该线索已处于${stageOf(lead.stage)}阶段，已办理的步骤不能撤回`,
              en: `the lead is already at ${lead.stage}; steps are never taken back`,
            }
          : {
              // A later step than the lead's: there is a next one.
              zh: `该线索当前处于${stageOf(lead.stage)}阶段，下一步应为${stageOf(next!)}，不能跨步办理`,
              en: `the lead is at ${lead.stage}; the next step is ${next}, steps are not skipped`,
            };
      throw conflict(why, { field: 'input.stage' });
    }
    if (next === LeadStage.STARTED) {
      const problems = new InputProblems();
      problems.require(!input.signedWan, 'input.signedWan', SIGNED_WHEN_SIGNING);
      problems.require(!input.fundsInPlaceWan, 'input.fundsInPlaceWan', FUNDS_AFTER_START);
      problems.throwIfAny();
      return this.start({ id: input.id, version: input.version, on: input.on, note: input.note });
    }
    const today = chinaDate();
    const on = input.on ?? today;
    const note = cleanText(input.note);
    const problems = new InputProblems();
    this.checkStepDate(lead, on, problems);
    if (next === LeadStage.CONTRACT_SIGNED) {
      if (
        problems.require(Boolean(input.signedWan), 'input.signedWan', {
          zh: '正式签约须填写签约金额',
          en: 'signing needs the contracted amount (signedWan)',
        })
      ) {
        problems.require(compareWan(input.signedWan!, '0') > 0, 'input.signedWan', POSITIVE_SIGNED);
      }
    } else {
      problems.require(!input.signedWan, 'input.signedWan', SIGNED_WHEN_SIGNING);
    }
    let funds = lead.fundsInPlaceWan;
    if (next === LeadStage.FUNDS_IN_PLACE) {
      funds = input.fundsInPlaceWan ?? lead.fundsInPlaceWan;
      problems.require(compareWan(funds, lead.fundsInPlaceWan) >= 0, 'input.fundsInPlaceWan', fundsOnlyGrow(lead.fundsInPlaceWan));
      problems.require(compareWan(funds, '0') > 0, 'input.fundsInPlaceWan', {
        zh: '尚无资金到位，不能办理资金到位',
        en: 'funds cannot be in place while none has arrived',
      });
      if (lead.fundsRecordedOn) {
        problems.require(on >= lead.fundsRecordedOn, 'input.on', {
          zh: `上次登记到位资金的日期为 ${lead.fundsRecordedOn}，之后的步骤不能早于该日`,
          en: `funds were last recorded on ${lead.fundsRecordedOn}; a later step cannot be dated before it`,
        });
      }
    } else {
      problems.require(!input.fundsInPlaceWan, 'input.fundsInPlaceWan', FUNDS_AFTER_START);
    }
    problems.throwIfAny();
    const advanced = await this.write(lead, async (managed, tx) => {
      if (next === LeadStage.FRAMEWORK_AGREEMENT) managed.frameworkAgreedOn = on;
      if (next === LeadStage.CONTRACT_SIGNED) {
        managed.signedOn = on;
        managed.signedWan = input.signedWan!;
      }
      if (next === LeadStage.FUNDS_IN_PLACE) {
        await this.moveFunds(tx, managed, funds, on);
        managed.fundsInPlaceOn = on;
      }
      managed.stage = next;
      const amount = next === LeadStage.CONTRACT_SIGNED ? input.signedWan! : next === LeadStage.FUNDS_IN_PLACE ? funds : undefined;
      this.recordStep(tx.em, managed, next, on, amount, note);
    });
    await this.refreshProjectFunds(advanced);
    return advanced;
  }

  /**
   * The start (开工): creates the key project from the lead, or links an existing one, and dates the
   * step, in one transaction: a failure anywhere leaves neither a project nor a changed lead.
   */
  async start(input: StartInvestmentLeadInput): Promise<InvestmentLead> {
    const { lead, owner } = await this.getToManage(input.id);
    expectVersion('lead', lead, input.version);
    if (lead.stage !== LeadStage.CONTRACT_SIGNED) {
      throw conflict(
        {
          zh: `该线索当前处于${stageOf(lead.stage)}阶段：只有正式签约的线索才能开工`,
          en: `the lead is at ${lead.stage}; only a signed lead (CONTRACT_SIGNED) starts`,
        },
        { field: 'input.id' },
      );
    }
    const note = cleanText(input.note);
    const problems = new InputProblems();
    let linked: Project | undefined;
    if (input.projectId) {
      linked = await this.linkable(input.projectId, owner, problems);
      problems.require(!input.code, 'input.code', {
        zh: '关联已有项目时沿用其项目代码，不能另填 code',
        en: 'a linked project keeps its own code',
      });
      problems.require(!input.nature, 'input.nature', {
        zh: '关联已有项目时沿用其建设性质，不能另填 nature',
        en: 'a linked project keeps its own nature',
      });
    }
    let on = input.on ?? undefined;
    if (!on && linked && isStarted(linked.stage)) {
      on = startedOnFrom(await this.ctx.loaders.project.stageHistory.load(linked.id));
    }
    on ??= chinaDate();
    this.checkStepDate(lead, on, problems);
    problems.throwIfAny();

    return this.write(lead, async (managed, tx) => {
      // The project rules run in this unit of work, so their writes roll back with the lead's.
      const projects = new ProjectService(tx);
      const rename = { 'input.stageSince': 'input.on', 'input.changedOn': 'input.on', 'input.ownerTenantCode': 'input.id' };
      const projectId = await withCallerFields(rename, async () => {
        if (!linked) {
          const created = await projects.create({
            name: lead.name,
            code: input.code,
            category: ProjectCategory.INVESTMENT_ATTRACTION,
            nature: input.nature ?? ProjectNature.NEW,
            stage: ProjectStage.STARTED,
            stageSince: on,
            ownerTenantCode: owner.code,
            totalInvestmentWan: lead.signedWan!,
            ownerUnit: lead.investorName,
          });
          return created.id;
        }
        if (!isStarted(linked.stage)) {
          await projects.changeStage({
            projectId: linked.id,
            stage: ProjectStage.STARTED,
            changedOn: on,
            note: note ?? `招商项目开工：${lead.name}`,
          });
        }
        return linked.id;
      });
      managed.project = tx.em.getReference(Project, projectId);
      managed.startedOn = on;
      managed.stage = LeadStage.STARTED;
      this.recordStep(tx.em, managed, LeadStage.STARTED, on!, undefined, note);
      this.ctx.loaders.attraction.byProject.clear(projectId);
    });
  }

  /**
   * Funds in place (到位资金), given as the lead's new running total: the difference is recorded as
   * one fund arrival on `on`, through the lead and for its project (never above the project's total
   * investment), so the project's total and the rollups count it in that month. The lead reaches
   * FUNDS_IN_PLACE on the day the funds reach the signed amount.
   */
  async recordFunds(input: RecordLeadFundsInput): Promise<InvestmentLead> {
    const { lead } = await this.getToManage(input.id);
    expectVersion('lead', lead, input.version);
    if (leadStageRank(lead.stage) < leadStageRank(LeadStage.STARTED)) {
      throw conflict(
        {
          zh: `该线索当前处于${stageOf(lead.stage)}阶段：开工后才能登记到位资金`,
          en: `the lead is at ${lead.stage}; funds in place are recorded once it has started`,
        },
        { field: 'input.id' },
      );
    }
    const today = chinaDate();
    const on = input.on ?? today;
    const problems = new InputProblems();
    problems.require(on <= today, 'input.on', {
      zh: '到位资金的登记日期不能晚于今天',
      en: 'funds cannot be recorded as in place in the future',
    });
    const since = [lead.startedOn!, lead.fundsRecordedOn ?? lead.startedOn!].sort().at(-1)!;
    problems.require(on >= since, 'input.on', {
      zh: `登记日期不能早于 ${since}（开工日期或上次登记日期）`,
      en: `the funds record cannot be dated before ${since} (the start or the previous record)`,
    });
    problems.require(
      compareWan(input.fundsInPlaceWan, lead.fundsInPlaceWan) >= 0,
      'input.fundsInPlaceWan',
      fundsOnlyGrow(lead.fundsInPlaceWan),
    );
    problems.throwIfAny();
    const recorded = await this.write(lead, async (managed, tx) => {
      await this.moveFunds(tx, managed, input.fundsInPlaceWan, on);
      if (managed.stage === LeadStage.STARTED && compareWan(input.fundsInPlaceWan, managed.signedWan!) >= 0) {
        managed.stage = LeadStage.FUNDS_IN_PLACE;
        managed.fundsInPlaceOn = on;
        // A note the system writes is stored in Chinese: officials read it, in whatever language they ask for.
        this.recordStep(tx.em, managed, LeadStage.FUNDS_IN_PLACE, on, input.fundsInPlaceWan, '签约资金已全部到位');
      }
    });
    await this.refreshProjectFunds(recorded);
    return recorded;
  }

  /**
   * Sets the lead's funds: the difference arrived on `on`, recorded as a fund arrival through the
   * lead (and for its project, within the project's total investment), so the lead's total, its
   * project's and the attraction figures all count the same arrivals.
   */
  private async moveFunds(tx: Context, lead: InvestmentLead, funds: string, on: string): Promise<void> {
    const delta = subtractWan(funds, lead.fundsInPlaceWan);
    if (compareWan(delta, '0') > 0) {
      const project = lead.project ? await new ProjectService(tx).getToManage(lead.project.id) : undefined;
      const fields = { 'input.amountWan': 'input.fundsInPlaceWan', 'input.arrivedOn': 'input.on' };
      await withCallerFields(fields, () =>
        new FundArrivalService(tx).write(tx.em, { project, lead, amountWan: delta, arrivedOn: on }, 'input'),
      );
    }
    lead.fundsInPlaceWan = funds;
    lead.fundsRecordedOn = on;
  }

  /** The lead's project's total moved in the database: later reads in the request see it. */
  private async refreshProjectFunds(lead: InvestmentLead): Promise<void> {
    if (lead.project) await new FundArrivalService(this.ctx).refreshTotal(lead.project.id);
  }

  /** A project the lead may start as: see StartInvestmentLeadInput.projectId. */
  private async linkable(projectId: string, owner: Tenant, problems: InputProblems): Promise<Project | undefined> {
    const projects = new ProjectService(this.ctx);
    const project = await withCallerFields({ '*': 'input.projectId' }, () => projects.getToManage(projectId));
    const projectOwner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    if (!projectOwner || !isWithin(projectOwner, owner)) {
      problems.add('input.projectId', {
        zh: `该项目不属于招商线索所属区划${owner.name}`,
        en: `the project is not owned within ${owner.name}, the lead's tenant`,
      });
      return undefined;
    }
    const other = await this.ctx.loaders.attraction.byProject.load(project.id);
    if (other) {
      throw conflict(
        { zh: `该项目已关联招商线索“${other.name}”（${other.id}）`, en: `the project is already the project of lead ${other.id}` },
        { field: 'input.projectId' },
      );
    }
    return project;
  }

  private checkText(text: Record<keyof typeof TEXT_LIMITS, string | undefined>, problems: InputProblems): void {
    problems.require(text.name !== undefined, 'input.name', emptyText(textLabel('name')));
    problems.require(text.investorName !== undefined, 'input.investorName', emptyText(textLabel('investorName')));
    for (const [field, limit] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
      problems.require((text[field] ?? '').length <= limit, `input.${field}`, textTooLong(textLabel(field), limit));
    }
  }

  /** A step is dated on or after the previous one, and not in the future. */
  private checkStepDate(lead: InvestmentLead, on: string, problems: InputProblems): void {
    const previous = dateOfStage(lead);
    problems.require(on <= chinaDate(), 'input.on', { zh: '办理日期不能晚于今天', en: 'a step cannot be reached in the future' });
    problems.require(on >= previous, 'input.on', {
      zh: `该线索于 ${previous} 进入${stageOf(lead.stage)}阶段，下一步的日期不能早于该日`,
      en: `the lead reached ${lead.stage} on ${previous}; the next step cannot be dated before it`,
    });
  }

  /** One unit of work for the change; a concurrent change caught by the version column is a CONFLICT. */
  private async write(lead: InvestmentLead, change: (managed: InvestmentLead, tx: Context) => Promise<void>): Promise<InvestmentLead> {
    await versionChecked('lead', () =>
      inUnitOfWork(this.ctx, async (tx) => {
        const managed = tx.em.merge(lead);
        await change(managed, tx);
        managed.updatedBy = this.ctx.viewer.subject;
        managed.updatedByName = this.ctx.viewer.name;
      }),
    );
    this.ctx.loaders.attraction.stageHistory.clear(lead.id);
    return lead;
  }

  private recordStep(
    em: EntityManager,
    lead: InvestmentLead,
    stage: LeadStage,
    on: string,
    amountWan: string | undefined,
    note: string | undefined,
  ): void {
    em.create(LeadStageChange, {
      lead,
      stage,
      changedOn: on,
      amountWan,
      note,
      recordedBy: this.ctx.viewer.subject,
      recordedByName: this.ctx.viewer.name,
    });
  }
}
