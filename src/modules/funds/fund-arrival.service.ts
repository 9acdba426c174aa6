import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { conflict, notFound } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { addWan, canonicalWan, compareWan } from '../../money/wan';
import type { InvestmentLead } from '../attraction/investment-lead.entity';
import { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import { FundArrival } from './fund-arrival.entity';
import type { RecordFundArrivalInput } from './fund-arrival.inputs';
import type { FundingSource } from '../project/funding-source';

/** One arrival to record, whichever way it comes in (the API, a project's registration, a lead). */
export interface FundArrivalCommand {
  /** Absent only for a lead without a project (its project was deleted). */
  project: Project | undefined;
  amountWan: string;
  arrivedOn: string;
  note?: string;
  source?: FundingSource;
  lead?: InvestmentLead;
}

/**
 * Funds in place (到位资金) as dated arrivals. A project's total is their sum, kept by the database
 * (kp_fund_totals), so it never disagrees with them; the rules here keep it within the project's
 * total investment and its dates out of the future. Recording needs the right to act on the project
 * (its owner's officers and those assigned to it), as monthly reports do.
 */
export class FundArrivalService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  /** An arrival the viewer reads (with its project); NOT_FOUND otherwise. */
  async get(id: string): Promise<FundArrival> {
    const arrival = isUuid(id) ? await this.ctx.loaders.funds.byId.load(id) : undefined;
    if (!arrival?.project) throw notFound('FundArrival', id);
    await this.projects.getParentOf(arrival.project.id, 'FundArrival', id);
    return arrival;
  }

  async record(input: RecordFundArrivalInput): Promise<FundArrival> {
    const project = await this.projects.getToActOn(input.projectId);
    const arrival = await this.ctx.em.transactional((em) =>
      this.write(
        em,
        {
          project,
          amountWan: input.amountWan,
          arrivedOn: input.arrivedOn ?? chinaDate(),
          note: cleanText(input.note),
          source: input.source ?? undefined,
        },
        'input',
      ),
    );
    await this.refreshTotal(project.id);
    return arrival;
  }

  /** Takes back a wrong arrival (the audit trail keeps it); one recorded through a lead is the lead's. */
  async remove(id: string): Promise<FundArrival> {
    const arrival = await this.get(id);
    await this.projects.getToActOn(arrival.project!.id);
    if (arrival.lead) {
      throw conflict(
        {
          zh: '该笔资金是通过招商线索登记的，招商线索的到位资金只增不减：请在招商线索中登记到位资金',
          en: "the arrival was recorded through an investment lead, whose funds only grow: record the lead's funds instead",
        },
        { field: 'id' },
      );
    }
    await this.ctx.em.transactional((em) => em.remove(em.merge(arrival)).flush());
    await this.refreshTotal(arrival.project!.id);
    return arrival;
  }

  /**
   * Records an arrival inside the caller's transaction (`em`), checked as the API's: the amount is
   * more than zero, the day not in the future, and the project's funds stay within its total
   * investment. Problems name `${prefix}.amountWan` and `${prefix}.arrivedOn`.
   */
  async write(em: EntityManager, command: FundArrivalCommand, prefix: string): Promise<FundArrival> {
    const problems = new InputProblems();
    const { project, amountWan, arrivedOn } = command;
    problems.require(compareWan(amountWan, '0') > 0, `${prefix}.amountWan`, {
      zh: '到位金额须大于 0 万元',
      en: 'the amount that arrived must be more than 0 万元',
    });
    problems.require(arrivedOn <= chinaDate(), `${prefix}.arrivedOn`, {
      zh: '资金到位日期不能晚于今天',
      en: 'funds cannot arrive in the future',
    });
    if (project) {
      const total = addWan(project.fundsInPlaceWan, amountWan);
      problems.require(compareWan(total, project.totalInvestmentWan) <= 0, `${prefix}.amountWan`, {
        zh: `到位资金将达 ${canonicalWan(total)} 万元，超过总投资 ${canonicalWan(project.totalInvestmentWan)} 万元`,
        en: `funds in place would be ${canonicalWan(total)} 万元, more than the total investment of ${canonicalWan(project.totalInvestmentWan)} 万元`,
      });
    }
    problems.throwIfAny();
    return em.create(FundArrival, {
      project: project?.id,
      lead: command.lead,
      arrivedOn,
      amountWan,
      note: command.note,
      source: command.source,
      recordedBy: this.ctx.viewer.subject,
      recordedByName: this.ctx.viewer.name,
    });
  }

  /** The project's total changed in the database (a trigger): later reads in the request see the new one. */
  async refreshTotal(projectId: string): Promise<void> {
    this.ctx.loaders.funds.byProject.clear(projectId);
    await this.ctx.em.findOne(Project, projectId, { refresh: true });
  }
}
