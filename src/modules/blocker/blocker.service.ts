import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate, isLocalDate } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { conflict, forbidden, notFound, type AppError } from '../../errors/app-error';
import { emptyText, fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { ProjectService } from '../project/project.service';
import type { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { Tenant } from '../tenant/tenant.entity';
import { TenantLevel } from '../tenant/tenant.enums';
import { Blocker, BlockerEvent } from './blocker.entity';
import { BlockerEventKind, BlockerStatus, OPEN_STATUSES } from './blocker.enums';
import type { BlockerStepInput, EscalateBlockerInput, RaiseBlockerInput, ReopenBlockerInput, ResolveBlockerInput } from './blocker.inputs';

const MAX_TEXT_LENGTH = 2000;
const MAX_UNIT_LENGTH = 100;

/**
 * A required text, cleaned: empty or too long is a problem of `field`, which a person reads as
 * `term` (the Chinese term of the field's description). Shared by the ledgers that take free text
 * (blockers, orders, accountability).
 */
export function requiredText(value: string | undefined, max: number, field: string, term: string, problems: InputProblems): string {
  const text = cleanText(value);
  const label = fieldLabel(term, field);
  problems.require(text !== undefined, field, emptyText(label));
  problems.require((text ?? '').length <= max, field, textTooLong(label, max));
  return text ?? '';
}

/** How the English messages name a step done to a blocker. */
const DONE: Readonly<Record<BlockerEventKind, string>> = {
  RAISED: 'raised',
  STARTED: 'started',
  ESCALATED: 'escalated',
  RESOLVED: 'resolved',
  CLOSED: 'closed',
  REOPENED: 'reopened',
};

/** CONFLICT: `step` needs the blocker `needed` (OPEN, RESOLVED), and it is not. */
function notInStatus(blocker: Blocker, needed: BlockerStatus, step: BlockerEventKind): AppError {
  const labels = ENUM_LABELS.BlockerStatus;
  const article = needed === BlockerStatus.OPEN ? 'an' : 'a';
  const message = {
    zh: `只有${labels[needed].zh}的问题才能${ENUM_LABELS.BlockerEventKind[step].zh}；此问题当前为${labels[blocker.status].zh}`,
    en: `only ${article} ${needed} blocker can be ${DONE[step]}; this one is ${blocker.status}`,
  };
  return conflict(message, { field: 'input.id' });
}

/**
 * The blocker ledger's rules. Who may do what:
 * - raise, start, escalate, resolve: whoever may act on the project (its owner's officers and its
 *   active assignees, 包抓领导 / 责任单位), and the leaders of the level the blocker has been escalated
 *   to (managers of that tenant: a county leader for the county, a city leader for the city);
 * - close (confirm the resolution, 闭环) and reopen (reject it): the raiser, or a manager of the
 *   raiser's tenant, since the one who reported the problem judges whether it is solved.
 * A blocker of a project the viewer may not read does not exist for them (NOT_FOUND); one they read
 * but may not change answers FORBIDDEN.
 */
export class BlockerService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  /** A blocker the viewer may read (with its project). */
  async get(id: string): Promise<Blocker> {
    const blocker = isUuid(id) ? await this.ctx.loaders.blocker.byId.load(id) : undefined;
    if (!blocker) throw notFound('Blocker', id);
    await this.projects.getParentOf(blocker.project.id, 'Blocker', id);
    return blocker;
  }

  /** The tenant handling the blocker now: the level it was escalated to, or the project's owner. */
  async levelOf(blocker: Blocker): Promise<Tenant> {
    const project = await this.projects.get(blocker.project.id);
    const code = blocker.escalatedTo?.code ?? project.owner.code;
    const tenant = await this.ctx.loaders.tenant.byCode.load(code);
    if (!tenant) throw notFound('Tenant', code);
    return tenant;
  }

  /** Managers of the level the blocker was escalated to (not of the project's own level: that is acting on the project). */
  private async leadsItsLevel(blocker: Blocker): Promise<boolean> {
    if (!blocker.escalatedTo) return false;
    const level = await this.ctx.loaders.tenant.byCode.load(blocker.escalatedTo.code);
    return level !== undefined && this.ctx.access.managesProjectsAt(level.path);
  }

  private async mayActOnProject(project: Project): Promise<boolean> {
    const owner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    return (owner !== undefined && this.ctx.access.managesProjectsAt(owner.path)) || (await this.projects.access.isAssigned(project));
  }

  /** A blocker the viewer may work on: act on its project, or lead the level it reached. */
  private async getToWorkOn(id: string): Promise<Blocker> {
    const blocker = await this.get(id);
    const project = await this.projects.get(blocker.project.id);
    if ((await this.mayActOnProject(project)) || (await this.leadsItsLevel(blocker))) return blocker;
    throw forbidden({
      zh: '只有本项目的办理人员和问题已提请到的层级的领导可以办理此问题',
      en: 'only those who act on the project and the leaders of the level the blocker reached may work on it',
    });
  }

  /** A blocker whose resolution the viewer may confirm or reject: its raiser, or a manager of the raiser's tenant. */
  private async getToConfirm(id: string): Promise<Blocker> {
    const blocker = await this.get(id);
    if (blocker.raisedBy === this.ctx.viewer.subject) return blocker;
    const tenant = blocker.raisedByTenantCode ? await this.ctx.loaders.tenant.byCode.load(blocker.raisedByTenantCode) : undefined;
    if (tenant && this.ctx.access.managesProjectsAt(tenant.path)) return blocker;
    throw forbidden({
      zh: '只有问题提出人或其所在行政区划的管理人员可以确认或退回办结结果',
      en: 'only who raised the blocker, or a manager of their tenant, may confirm or reject its resolution',
    });
  }

  async raise(input: RaiseBlockerInput): Promise<Blocker> {
    const project = await this.projects.getToActOn(input.projectId);
    const problems = new InputProblems();
    const description = requiredText(input.description, MAX_TEXT_LENGTH, 'input.description', '问题描述', problems);
    const responsibleUnit = requiredText(input.responsibleUnit, MAX_UNIT_LENGTH, 'input.responsibleUnit', '责任单位', problems);
    const today = chinaDate();
    problems.require(isLocalDate(input.deadlineOn) && input.deadlineOn >= today, 'input.deadlineOn', {
      zh: `办结时限不能早于今天（${today}）：提出的问题是待解决的，不应一提出就已逾期`,
      en: `deadlineOn must be today (${today}) or later: a blocker is raised to be solved, not already overdue`,
    });
    problems.throwIfAny();
    const { viewer } = this.ctx;
    const blocker = await this.ctx.em.transactional(async (em) => {
      const created = em.create(Blocker, {
        project: project.id,
        type: input.type,
        description,
        responsibleUnit,
        deadlineOn: input.deadlineOn,
        raisedBy: viewer.subject,
        raisedByName: viewer.name,
        raisedByTenantCode: viewer.tenantCode ?? undefined,
      });
      this.record(em, created, 1, BlockerEventKind.RAISED, {});
      return created;
    });
    this.forget(blocker);
    return blocker;
  }

  async start(input: BlockerStepInput): Promise<Blocker> {
    const blocker = await this.getToWorkOn(input.id);
    expectVersion('blocker', blocker, input.version);
    if (blocker.status !== BlockerStatus.OPEN) throw notInStatus(blocker, BlockerStatus.OPEN, BlockerEventKind.STARTED);
    return this.step(blocker, BlockerEventKind.STARTED, (b) => {
      b.status = BlockerStatus.IN_PROGRESS;
    });
  }

  /** One level up from where it is handled now (town → county → city), never beyond the city. */
  async escalate(input: EscalateBlockerInput): Promise<Blocker> {
    const blocker = await this.getToWorkOn(input.id);
    const problems = new InputProblems();
    const reason = requiredText(input.reason, MAX_TEXT_LENGTH, 'input.reason', '提请协调事由', problems);
    problems.throwIfAny();
    expectVersion('blocker', blocker, input.version);
    this.requireOpen(blocker, BlockerEventKind.ESCALATED);
    const from = await this.levelOf(blocker);
    if (from.level === TenantLevel.CITY) {
      const message = {
        zh: `问题已提请至${from.name}（市重点项目推进委员会），不能再向上提请`,
        en: `the blocker is already with ${from.name}, the city (市重点项目推进委员会): it cannot go higher`,
      };
      throw conflict(message, { field: 'input.id' });
    }
    const to = from.parent ? await this.ctx.loaders.tenant.byCode.load(from.parent.code) : undefined;
    if (!to)
      throw conflict(
        { zh: `${from.name}没有可以提请的上级`, en: `${from.name} has no level above it to escalate to` },
        { field: 'input.id' },
      );
    return this.step(
      blocker,
      BlockerEventKind.ESCALATED,
      (b, em) => {
        b.escalatedTo = em.getReference(Tenant, to.code);
        b.escalationReason = reason;
      },
      { note: reason, fromTenantCode: from.code, toTenantCode: to.code },
    );
  }

  async resolve(input: ResolveBlockerInput): Promise<Blocker> {
    const blocker = await this.getToWorkOn(input.id);
    const problems = new InputProblems();
    const feedback = requiredText(input.feedback, MAX_TEXT_LENGTH, 'input.feedback', '办理结果', problems);
    problems.throwIfAny();
    expectVersion('blocker', blocker, input.version);
    this.requireOpen(blocker, BlockerEventKind.RESOLVED);
    const { viewer } = this.ctx;
    return this.step(
      blocker,
      BlockerEventKind.RESOLVED,
      (b) => {
        b.status = BlockerStatus.RESOLVED;
        b.resolution = feedback;
        b.resolvedAt = new Date();
        b.resolvedBy = viewer.subject;
        b.resolvedByName = viewer.name;
      },
      { note: feedback },
    );
  }

  async close(input: BlockerStepInput): Promise<Blocker> {
    const blocker = await this.getToConfirm(input.id);
    expectVersion('blocker', blocker, input.version);
    if (blocker.status !== BlockerStatus.RESOLVED) throw notInStatus(blocker, BlockerStatus.RESOLVED, BlockerEventKind.CLOSED);
    return this.step(blocker, BlockerEventKind.CLOSED, (b) => {
      b.status = BlockerStatus.CLOSED;
      b.closedAt = new Date();
    });
  }

  /** The raiser rejects the resolution: back to OPEN, at the level it had reached. */
  async reopen(input: ReopenBlockerInput): Promise<Blocker> {
    const blocker = await this.getToConfirm(input.id);
    const problems = new InputProblems();
    const reason = requiredText(input.reason, MAX_TEXT_LENGTH, 'input.reason', '退回理由', problems);
    problems.throwIfAny();
    expectVersion('blocker', blocker, input.version);
    if (blocker.status !== BlockerStatus.RESOLVED) throw notInStatus(blocker, BlockerStatus.RESOLVED, BlockerEventKind.REOPENED);
    return this.step(
      blocker,
      BlockerEventKind.REOPENED,
      (b) => {
        b.status = BlockerStatus.OPEN;
        b.resolution = undefined;
        b.resolvedAt = undefined;
        b.resolvedBy = undefined;
        b.resolvedByName = undefined;
      },
      { note: reason },
    );
  }

  private requireOpen(blocker: Blocker, step: BlockerEventKind): void {
    if (OPEN_STATUSES.includes(blocker.status)) return;
    const labels = ENUM_LABELS.BlockerStatus;
    const message = {
      zh: `${labels[blocker.status].zh}的问题不能${ENUM_LABELS.BlockerEventKind[step].zh}，只有${OPEN_STATUSES.map((s) => labels[s].zh).join('或')}的问题可以`,
      en: `a ${blocker.status} blocker cannot be ${DONE[step]}; only an open one can`,
    };
    throw conflict(message, { field: 'input.id' });
  }

  /** Applies a change and records it in the history, in one flush; the version check guards concurrent steps. */
  private async step(
    blocker: Blocker,
    kind: BlockerEventKind,
    change: (managed: Blocker, em: EntityManager) => void,
    details: Partial<Pick<BlockerEvent, 'note' | 'fromTenantCode' | 'toTenantCode'>> = {},
  ): Promise<Blocker> {
    await this.ctx.em.transactional(async (em) => {
      const managed = em.merge(blocker);
      change(managed, em);
      this.record(em, managed, managed.version + 1, kind, details);
    });
    this.forget(blocker);
    return blocker;
  }

  private record(
    em: EntityManager,
    blocker: Blocker,
    seq: number,
    kind: BlockerEventKind,
    details: Partial<Pick<BlockerEvent, 'note' | 'fromTenantCode' | 'toTenantCode'>>,
  ): void {
    em.create(BlockerEvent, {
      blocker,
      seq,
      kind,
      actorSubject: this.ctx.viewer.subject,
      actorName: this.ctx.viewer.name,
      statusAfter: blocker.status,
      escalatedToAfter: blocker.escalatedTo?.code,
      ...details,
    });
  }

  private forget(blocker: Blocker): void {
    this.ctx.loaders.blocker.byId.clear(blocker.id);
    this.ctx.loaders.blocker.byProject.clear(blocker.project.id);
    this.ctx.loaders.blocker.history.clear(blocker.id);
  }
}
