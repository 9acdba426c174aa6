import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { badUserInput, conflict, forbidden, notFound } from '../../errors/app-error';
import { fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { Role } from '../../auth/roles';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { requiredText } from '../blocker/blocker.service';
import type { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import { TenantLevel } from '../tenant/tenant.enums';
import type { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { approvalLight } from './approval-light';
import { ApprovalKind } from './approval-kind.entity';
import { ApprovalState } from './approval.enums';
import type { AddApprovalKindInput, RecordStartExceptionInput, SetProjectApprovalInput, UpdateApprovalKindInput } from './approval.inputs';
import { ApprovalItem } from './approval.types';
import { ProjectApproval } from './project-approval.entity';
import { StartException } from './start-exception.entity';
import { LightColor } from '../rollup/traffic-light';

const MAX_OFFICE_LENGTH = 100;
const MAX_DOCUMENT_NUMBER_LENGTH = 100;
const MAX_NOTE_LENGTH = 2000;
const MAX_NAME_LENGTH = 50;
const MAX_TIME_LIMIT_DAYS = 365;
const KIND_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** The city a tenant belongs to: the first segment of its path (cities are the tree's roots). */
const cityCodeOf = (tenant: Tenant): string => tenant.path.split('.')[0]!;

/** The checklist line of a kind, from the project's recorded item when there is one. */
export function itemOf(kind: ApprovalKind, recorded: ProjectApproval | undefined, today: string): ApprovalItem {
  const state = recorded?.state ?? ApprovalState.NOT_STARTED;
  const light = approvalLight({ ...recorded, state, timeLimitDays: kind.timeLimitDays, warningDays: kind.warningDays }, today);
  return Object.assign(new ApprovalItem(), {
    id: recorded?.id,
    kind,
    state,
    office: recorded?.office ?? kind.office,
    submittedOn: recorded?.submittedOn,
    approvedOn: recorded?.approvedOn,
    plannedOn: recorded?.plannedOn,
    documentNumber: recorded?.documentNumber,
    note: recorded?.note,
    version: recorded?.version ?? 0,
    light,
    isOverdue: light === LightColor.RED,
  });
}

/**
 * Preparatory approvals (前期手续, issue 18). Who may do what:
 * - a city's list of kinds: read by anyone who sees the city; changed by the city's leaders and
 *   administrators;
 * - a project's checklist: read with the project; set by those who act on the project (its owner's
 *   officers and its assigned leaders and units), as its reports and milestones;
 * - a start exception (容缺开工): recorded by the city's and counties' leaders above the project.
 * The start itself is gated in the project module (start-gate.ts), from the same tables.
 */
export class ApprovalService {
  private readonly projects: ProjectService;
  private readonly tenants: TenantService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
    this.tenants = new TenantService(ctx);
  }

  /** A city's list, for anyone who sees the city. */
  async kindsOf(cityCode: string): Promise<ApprovalKind[]> {
    const city = await this.tenants.get(cityCode);
    return this.ctx.loaders.approval.kindsOfCity.load(cityCodeOf(city));
  }

  private async kindsOfProject(project: Project): Promise<ApprovalKind[]> {
    const owner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    if (!owner) throw notFound('Project', project.id);
    return this.ctx.loaders.approval.kindsOfCity.load(cityCodeOf(owner));
  }

  /** The project's checklist: every kind of its city's list, recorded or not, in the list's order. */
  async checklist(project: Project): Promise<ApprovalItem[]> {
    const [kinds, recorded] = await Promise.all([this.kindsOfProject(project), this.ctx.loaders.approval.byProject.load(project.id)]);
    const today = chinaDate();
    return kinds.map((kind) =>
      itemOf(
        kind,
        recorded.find((r) => r.kind.id === kind.id),
        today,
      ),
    );
  }

  async set(input: SetProjectApprovalInput): Promise<ApprovalItem> {
    const project = await this.projects.getToActOn(input.projectId);
    const kind = (await this.kindsOfProject(project)).find((k) => k.code === input.kindCode);
    if (!kind) {
      throw badUserInput('input.kindCode', {
        zh: `本市前期手续清单中没有 ${input.kindCode}：请从本市的手续清单中选择`,
        en: `there is no ${input.kindCode} in the city's approval list; see approvalKinds`,
      });
    }
    const values = this.checkedValues(input);
    const recorded = (await this.ctx.loaders.approval.byProject.load(project.id)).find((r) => r.kind.id === kind.id);
    expectVersion('approval', { version: recorded?.version ?? 0 }, input.version);
    const saved = await this.ctx.em.transactional(async (em) => {
      if (!recorded) return em.create(ProjectApproval, { project: project.id, kind: kind.id, ...values });
      // The whole line is given each time: what the input leaves out is cleared (null), not kept.
      const managed = em.merge(recorded);
      for (const [key, value] of Object.entries(values)) Object.assign(managed, { [key]: value ?? null });
      return managed;
    });
    this.ctx.loaders.approval.byProject.clear(project.id);
    return itemOf(kind, saved, chinaDate());
  }

  /** The item's columns from the input, or BAD_USER_INPUT naming every field at fault. */
  private checkedValues(input: SetProjectApprovalInput) {
    const problems = new InputProblems();
    const today = chinaDate();
    const state = input.state;
    const label = ENUM_LABELS.ApprovalState[state].zh;
    const office = cleanText(input.office);
    const documentNumber = cleanText(input.documentNumber);
    const note = cleanText(input.note);
    problems.require(
      (office ?? '').length <= MAX_OFFICE_LENGTH,
      'input.office',
      textTooLong(fieldLabel('审批部门', 'office'), MAX_OFFICE_LENGTH),
    );
    problems.require(
      (documentNumber ?? '').length <= MAX_DOCUMENT_NUMBER_LENGTH,
      'input.documentNumber',
      textTooLong(fieldLabel('批复文号', 'documentNumber'), MAX_DOCUMENT_NUMBER_LENGTH),
    );
    problems.require((note ?? '').length <= MAX_NOTE_LENGTH, 'input.note', textTooLong(fieldLabel('备注', 'note'), MAX_NOTE_LENGTH));
    const submittedOn = input.submittedOn ?? undefined;
    const approvedOn = input.approvedOn ?? undefined;
    const plannedOn = input.plannedOn ?? undefined;
    const submitted = state === ApprovalState.SUBMITTED || state === ApprovalState.APPROVED;
    if (submitted) {
      problems.require(submittedOn !== undefined, 'input.submittedOn', {
        zh: `${label}的手续须填写报审日期`,
        en: `an approval ${state} needs submittedOn`,
      });
    } else {
      problems.require(submittedOn === undefined, 'input.submittedOn', {
        zh: `${label}的手续不应有报审日期`,
        en: `an approval ${state} has no submittedOn`,
      });
    }
    if (state === ApprovalState.APPROVED) {
      problems.require(approvedOn !== undefined, 'input.approvedOn', {
        zh: '已批复的手续须填写批复日期',
        en: 'an approval APPROVED needs approvedOn',
      });
    } else {
      problems.require(approvedOn === undefined, 'input.approvedOn', {
        zh: `${label}的手续不应有批复日期`,
        en: `only an approval APPROVED has approvedOn`,
      });
      problems.require(documentNumber === undefined, 'input.documentNumber', {
        zh: `${label}的手续不应有批复文号`,
        en: `only an approval APPROVED has documentNumber`,
      });
    }
    problems.require(state !== ApprovalState.NOT_NEEDED || plannedOn === undefined, 'input.plannedOn', {
      zh: '不涉及的手续不应有计划办结日期',
      en: 'an approval NOT_NEEDED has no plannedOn',
    });
    for (const [field, date] of [
      ['submittedOn', submittedOn],
      ['approvedOn', approvedOn],
    ] as const) {
      problems.require(date === undefined || date <= today, `input.${field}`, {
        zh: `${field} 不能晚于今天（${today}）`,
        en: `${field} cannot be later than today (${today})`,
      });
    }
    problems.require(!submittedOn || !approvedOn || submittedOn <= approvedOn, 'input.approvedOn', {
      zh: `批复日期（${approvedOn}）不能早于报审日期（${submittedOn}）`,
      en: `approvedOn (${approvedOn}) cannot be before submittedOn (${submittedOn})`,
    });
    problems.throwIfAny();
    return { state, office, submittedOn, approvedOn, plannedOn, documentNumber, note };
  }

  async exceptionOf(project: Project): Promise<StartException | undefined> {
    return this.ctx.loaders.approval.exceptionOfProject.load(project.id);
  }

  async recordException(input: RecordStartExceptionInput): Promise<StartException> {
    const project = await this.projects.get(input.projectId);
    const owner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    if (!owner || !this.ctx.access.assignsLeadersAt(owner.path)) {
      throw forbidden({
        zh: '只有项目所属区划或其上级的市、县领导（或管理员）可以登记容缺开工',
        en: 'only city and county leaders (or administrators) above the project may record a start exception',
      });
    }
    const problems = new InputProblems();
    const reason = requiredText(input.reason, MAX_NOTE_LENGTH, 'input.reason', 'reason', problems);
    problems.throwIfAny();
    if (await this.exceptionOf(project)) {
      throw conflict({ zh: '该项目已登记容缺开工', en: 'the project already has a start exception' }, { field: 'input.projectId' });
    }
    const { viewer } = this.ctx;
    const exception = await this.ctx.em.transactional(async (em) =>
      em.create(StartException, { project: project.id, reason, recordedBySubject: viewer.subject, recordedByName: viewer.name }),
    );
    this.ctx.loaders.approval.exceptionOfProject.clear(project.id);
    return exception;
  }

  /** The city whose list the viewer changes: its own leaders and administrators only. */
  private async cityToConfigure(cityCode: string): Promise<Tenant> {
    const city = await this.tenants.get(cityCode);
    const access = this.ctx.access;
    const own = access.tenant?.code === city.code;
    if (city.level !== TenantLevel.CITY || !own || !(access.managesProjectsAt(city.path) || this.ctx.viewer.roles.has(Role.ADMIN))) {
      throw forbidden({
        zh: '只有本市的市级领导和系统管理员可以修改本市的前期手续清单',
        en: "only the city's leaders and administrators may change its approval list",
      });
    }
    return city;
  }

  private checkRule(timeLimitDays: number, warningDays: number, problems: InputProblems): void {
    problems.require(timeLimitDays >= 1 && timeLimitDays <= MAX_TIME_LIMIT_DAYS, 'input.timeLimitDays', {
      zh: `办理时限须为 1 至 ${MAX_TIME_LIMIT_DAYS} 天，实际为 ${timeLimitDays} 天`,
      en: `timeLimitDays must be from 1 to ${MAX_TIME_LIMIT_DAYS}`,
    });
    problems.require(warningDays >= 0 && warningDays < timeLimitDays, 'input.warningDays', {
      zh: `预警天数须不少于 0 天且少于办理时限（${timeLimitDays} 天），实际为 ${warningDays} 天`,
      en: `warningDays must be from 0 to below timeLimitDays (${timeLimitDays})`,
    });
  }

  async updateKind(input: UpdateApprovalKindInput): Promise<ApprovalKind> {
    const city = await this.cityToConfigure(input.cityCode);
    const kind = (await this.ctx.loaders.approval.kindsOfCity.load(city.code)).find((k) => k.code === input.code);
    if (!kind) {
      throw badUserInput('input.code', { zh: `本市前期手续清单中没有 ${input.code}`, en: `there is no ${input.code} in the city's list` });
    }
    expectVersion('approvalKind', kind, input.version);
    const problems = new InputProblems();
    const name =
      input.name === undefined || input.name === null
        ? kind.name
        : requiredText(input.name, MAX_NAME_LENGTH, 'input.name', 'name', problems);
    const office =
      input.office === undefined || input.office === null
        ? kind.office
        : requiredText(input.office, MAX_OFFICE_LENGTH, 'input.office', 'office', problems);
    const timeLimitDays = input.timeLimitDays ?? kind.timeLimitDays;
    const warningDays = input.warningDays ?? kind.warningDays;
    this.checkRule(timeLimitDays, warningDays, problems);
    problems.throwIfAny();
    await this.ctx.em.transactional(async (em) => {
      em.assign(em.merge(kind), {
        name,
        office,
        timeLimitDays,
        warningDays,
        isRequiredToStart: input.isRequiredToStart ?? kind.isRequiredToStart,
      });
    });
    this.ctx.loaders.approval.kindsOfCity.clear(city.code);
    return kind;
  }

  async addKind(input: AddApprovalKindInput): Promise<ApprovalKind> {
    const city = await this.cityToConfigure(input.cityCode);
    const kinds = await this.ctx.loaders.approval.kindsOfCity.load(city.code);
    const problems = new InputProblems();
    problems.require(KIND_CODE.test(input.code), 'input.code', {
      zh: 'code 须以大写字母开头，只含大写字母、数字和下划线，最多 40 个字符',
      en: 'code must start with a capital letter and hold only capital letters, digits and _, at most 40 characters',
    });
    const name = requiredText(input.name, MAX_NAME_LENGTH, 'input.name', 'name', problems);
    const office = requiredText(input.office, MAX_OFFICE_LENGTH, 'input.office', 'office', problems);
    const warningDays = input.warningDays ?? 0;
    this.checkRule(input.timeLimitDays, warningDays, problems);
    problems.throwIfAny();
    if (kinds.some((k) => k.code === input.code)) {
      throw conflict({ zh: `本市清单中已有 ${input.code}`, en: `the city's list already has ${input.code}` }, { field: 'input.code' });
    }
    const kind = await this.ctx.em.transactional(async (em) =>
      em.create(ApprovalKind, {
        city: city.code,
        code: input.code,
        name,
        office,
        isRequiredToStart: input.isRequiredToStart ?? false,
        timeLimitDays: input.timeLimitDays,
        warningDays,
        position: Math.max(0, ...kinds.map((k) => k.position)) + 1,
      }),
    );
    this.ctx.loaders.approval.kindsOfCity.clear(city.code);
    return kind;
  }
}
