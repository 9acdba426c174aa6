import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate, isLocalDate } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { badUserInput, conflict, forbidden, notFound } from '../../errors/app-error';
import { fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { BlockerService, requiredText } from '../blocker/blocker.service';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import type { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { SupervisionOrder, SupervisionOrderEvent } from './supervision-order.entity';
import { OrderEventKind, OrderStatus, OrderSubject } from './supervision-order.enums';
import type { IssueSupervisionOrderInput, SupervisionOrderNoteInput, SupervisionOrderStepInput } from './supervision-order.inputs';

const MAX_TITLE_LENGTH = 200;
const MAX_TEXT_LENGTH = 2000;
const MAX_UNIT_LENGTH = 100;

/** The statuses in which the addressee may report back: acknowledged, reported once already, or sent back. */
const ANSWERABLE: readonly OrderStatus[] = [OrderStatus.ACKNOWLEDGED, OrderStatus.FEEDBACK_GIVEN, OrderStatus.SENT_BACK];

/** The id field the input names for each subject, for BAD_USER_INPUT. */
const SUBJECT_FIELD: Readonly<Record<OrderSubject, 'projectId' | 'blockerId' | 'tenantCode'>> = {
  PROJECT: 'projectId',
  BLOCKER: 'blockerId',
  TENANT: 'tenantCode',
};

/** How a person knows those fields: the terms of the input's descriptions. */
const SUBJECT_TERM: Readonly<Record<(typeof SUBJECT_FIELD)[OrderSubject], string>> = {
  projectId: '督办项目',
  blockerId: '督办问题',
  tenantCode: '督办区划',
};

/** CONFLICT: `step` needs the order in one of `needed`, and it is not. */
function notInStatus(order: SupervisionOrder, needed: readonly OrderStatus[], step: OrderEventKind) {
  const labels = ENUM_LABELS.OrderStatus;
  return conflict(
    {
      zh: `只有${needed.map((s) => labels[s].zh).join('或')}的督办单才能${ENUM_LABELS.OrderEventKind[step].zh}；此督办单当前为${labels[order.status].zh}`,
      en: `only an order ${needed.join(' or ')} can be ${step.toLowerCase().replaceAll('_', ' ')}; this one is ${order.status}`,
    },
    { field: 'input.id' },
  );
}

/**
 * The supervision orders' rules (督办). Who may do what:
 * - issue: the supervision office (督查) and the city's and counties' leaders, about a project, a
 *   blocker or a tenant of their subtree, addressed to a tenant of their subtree and/or a unit
 *   (Access.issuesOrdersAt);
 * - acknowledge and give feedback: the managers of the addressee tenant, and for an order about a
 *   project, those assigned to the project (包抓领导, 责任单位);
 * - close and send back: the issuer, or whoever issues orders at the issuer's own tenant (the same office).
 * An order is read under the scope of what it concerns (the project, or the tenant's subtree) and by
 * its addressee; anything else is NOT_FOUND, as row-level security answers too.
 */
export class SupervisionOrderService {
  private readonly projects: ProjectService;
  private readonly tenants: TenantService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
    this.tenants = new TenantService(ctx);
  }

  /** An order the viewer may read. */
  async get(id: string): Promise<SupervisionOrder> {
    const order = isUuid(id) ? await this.ctx.loaders.supervisionOrder.byId.load(id) : undefined;
    if (!order || !(await this.reads(order))) throw notFound('SupervisionOrder', id);
    return order;
  }

  private async reads(order: SupervisionOrder): Promise<boolean> {
    const addressee = order.addressee ? await this.ctx.loaders.tenant.byCode.load(order.addressee.code) : undefined;
    if (addressee && this.ctx.access.readsSubtreeOf(addressee.path)) return true;
    if (order.project) {
      const project = await this.ctx.loaders.project.byId.load(order.project.id);
      return project !== undefined && (await this.projects.access.canRead(project));
    }
    const owner = await this.ctx.loaders.tenant.byCode.load(order.tenant.code);
    return owner !== undefined && this.ctx.access.readsSubtreeOf(owner.path);
  }

  private async tenant(code: string): Promise<Tenant> {
    const tenant = await this.ctx.loaders.tenant.byCode.load(code);
    if (!tenant) throw notFound('Tenant', code);
    return tenant;
  }

  async issue(input: IssueSupervisionOrderInput): Promise<SupervisionOrder> {
    const problems = new InputProblems();
    const title = requiredText(input.title, MAX_TITLE_LENGTH, 'input.title', '督办事项', problems);
    const requirement = requiredText(input.requirement, MAX_TEXT_LENGTH, 'input.requirement', '督办要求', problems);
    const unit = cleanText(input.addresseeUnit);
    problems.require(
      (unit ?? '').length <= MAX_UNIT_LENGTH,
      'input.addresseeUnit',
      textTooLong(fieldLabel('承办单位', 'input.addresseeUnit'), MAX_UNIT_LENGTH),
    );
    problems.require(Boolean(unit) || Boolean(input.addresseeTenantCode), 'input.addresseeTenantCode', {
      zh: '承办区划与承办单位至少填写一项：督办单须有承办对象',
      en: 'give addresseeTenantCode, addresseeUnit or both: an order must be addressed to someone',
    });
    const today = chinaDate();
    problems.require(isLocalDate(input.deadlineOn) && input.deadlineOn >= today, 'input.deadlineOn', {
      zh: `办结时限不能早于今天（${today}）：督办单不应一下发就已逾期`,
      en: `deadlineOn must be today (${today}) or later: an order is not issued already overdue`,
    });
    const field = SUBJECT_FIELD[input.subject];
    const others = Object.values(SUBJECT_FIELD).filter((f) => f !== field && input[f]);
    problems.require(Boolean(input[field]), `input.${field}`, {
      zh: `督办对象为${ENUM_LABELS.OrderSubject[input.subject].zh}时须填写${SUBJECT_TERM[field]}`,
      en: `${field} is required when subject is ${input.subject}`,
    });
    problems.require(others.length === 0, `input.${others[0] ?? field}`, {
      zh: `督办对象为${ENUM_LABELS.OrderSubject[input.subject].zh}时只填写${SUBJECT_TERM[field]}，不填写${others.map((f) => SUBJECT_TERM[f]).join('、')}`,
      en: `only ${field} is given when subject is ${input.subject}, not ${others.join(', ')}`,
    });
    problems.throwIfAny();

    const { project, blockerId, owner } = await this.subjectOf(input);
    if (!this.ctx.access.issuesOrdersAt(owner.path)) {
      throw forbidden({
        zh: '只有督查室和本级及上级领导可以对其辖区内的项目、问题和区划下发督办',
        en: 'only the supervision office and the leaders above it may issue orders about what is in their subtree',
      });
    }
    const addressee = input.addresseeTenantCode ? await this.addresseeOf(input.addresseeTenantCode) : undefined;
    const { viewer } = this.ctx;
    const order = await this.ctx.em.transactional(async (em) => {
      const created = em.create(SupervisionOrder, {
        subject: input.subject,
        project: project?.id,
        blocker: blockerId,
        tenant: owner.code,
        title,
        requirement,
        addressee: addressee?.code,
        addresseeUnit: unit,
        deadlineOn: input.deadlineOn,
        issuedBySubject: viewer.subject,
        issuedByName: viewer.name,
        issuedByTenantCode: viewer.tenantCode ?? undefined,
      });
      this.record(em, created, 1, OrderEventKind.ISSUED, {});
      return created;
    });
    this.forget(order);
    return order;
  }

  /** The project (for a project's or a blocker's order) and the tenant the order concerns. */
  private async subjectOf(input: IssueSupervisionOrderInput): Promise<{ project?: Project; blockerId?: string; owner: Tenant }> {
    if (input.subject === OrderSubject.TENANT) {
      const owner = await this.tenants.get(input.tenantCode!);
      return { owner };
    }
    if (input.subject === OrderSubject.BLOCKER) {
      const blocker = await new BlockerService(this.ctx).get(input.blockerId!);
      const project = await this.projects.get(blocker.project.id);
      return { project, blockerId: blocker.id, owner: await this.tenant(project.owner.code) };
    }
    const project = await this.projects.get(input.projectId!);
    return { project, owner: await this.tenant(project.owner.code) };
  }

  /** A tenant the viewer may address orders to: in their subtree. */
  private async addresseeOf(code: string): Promise<Tenant> {
    const tenant = await this.ctx.loaders.tenant.byCode.load(code);
    if (!tenant || !this.ctx.access.issuesOrdersAt(tenant.path)) {
      throw badUserInput('input.addresseeTenantCode', {
        zh: `承办区划 ${code} 不存在或不在您的辖区内`,
        en: `there is no tenant ${code} in your subtree to address the order to`,
      });
    }
    return tenant;
  }

  /** The addressee side (签收, 反馈): managers of the addressee tenant, and those assigned to the order's project. */
  async answers(order: SupervisionOrder): Promise<boolean> {
    const addressee = order.addressee ? await this.tenant(order.addressee.code) : undefined;
    if (addressee && this.ctx.access.managesProjectsAt(addressee.path)) return true;
    const project = order.project ? await this.ctx.loaders.project.byId.load(order.project.id) : undefined;
    return project !== undefined && (await this.projects.access.isAssigned(project));
  }

  /** The issuer side (办结, 退回): who issued it, or whoever issues orders at the issuer's own tenant. */
  async decides(order: SupervisionOrder): Promise<boolean> {
    if (order.issuedBySubject === this.ctx.viewer.subject) return true;
    const tenant = order.issuedByTenantCode ? await this.ctx.loaders.tenant.byCode.load(order.issuedByTenantCode) : undefined;
    return tenant !== undefined && this.ctx.access.tenant?.code === tenant.code && this.ctx.access.issuesOrdersAt(tenant.path);
  }

  /** The steps the viewer may take on the order now: what its mutations would accept, by status and by side. */
  async stepsOfViewer(order: SupervisionOrder): Promise<OrderEventKind[]> {
    const steps: OrderEventKind[] = [];
    if (await this.answers(order)) {
      if (order.status === OrderStatus.ISSUED) steps.push(OrderEventKind.ACKNOWLEDGED);
      if (ANSWERABLE.includes(order.status)) steps.push(OrderEventKind.FEEDBACK_GIVEN);
    }
    if (order.status === OrderStatus.FEEDBACK_GIVEN && (await this.decides(order)))
      steps.push(OrderEventKind.CLOSED, OrderEventKind.SENT_BACK);
    return steps;
  }

  private async getToAnswer(id: string): Promise<SupervisionOrder> {
    const order = await this.get(id);
    if (await this.answers(order)) return order;
    throw forbidden({
      zh: '只有承办区划的工作人员和项目的包抓领导、责任单位可以签收和反馈督办单',
      en: "only the addressee tenant's officers and those assigned to the project may acknowledge and answer an order",
    });
  }

  private async getToDecide(id: string): Promise<SupervisionOrder> {
    const order = await this.get(id);
    if (await this.decides(order)) return order;
    throw forbidden({
      zh: '只有督办单的下发人或其所在督查室、领导可以办结或退回督办单',
      en: 'only who issued the order, or the office that issued it, may close it or send it back',
    });
  }

  async acknowledge(input: SupervisionOrderStepInput): Promise<SupervisionOrder> {
    const order = await this.getToAnswer(input.id);
    expectVersion('supervisionOrder', order, input.version);
    if (order.status !== OrderStatus.ISSUED) throw notInStatus(order, [OrderStatus.ISSUED], OrderEventKind.ACKNOWLEDGED);
    return this.step(order, OrderEventKind.ACKNOWLEDGED, (o) => {
      o.status = OrderStatus.ACKNOWLEDGED;
    });
  }

  async giveFeedback(input: SupervisionOrderNoteInput): Promise<SupervisionOrder> {
    const order = await this.getToAnswer(input.id);
    const note = this.noteOf(input);
    expectVersion('supervisionOrder', order, input.version);
    if (!ANSWERABLE.includes(order.status)) throw notInStatus(order, ANSWERABLE, OrderEventKind.FEEDBACK_GIVEN);
    return this.step(
      order,
      OrderEventKind.FEEDBACK_GIVEN,
      (o) => {
        o.status = OrderStatus.FEEDBACK_GIVEN;
        o.latestFeedback = note;
      },
      { note },
    );
  }

  async close(input: SupervisionOrderStepInput): Promise<SupervisionOrder> {
    const order = await this.getToDecide(input.id);
    expectVersion('supervisionOrder', order, input.version);
    if (order.status !== OrderStatus.FEEDBACK_GIVEN) throw notInStatus(order, [OrderStatus.FEEDBACK_GIVEN], OrderEventKind.CLOSED);
    return this.step(order, OrderEventKind.CLOSED, (o) => {
      o.status = OrderStatus.CLOSED;
      o.closedAt = new Date();
    });
  }

  async sendBack(input: SupervisionOrderNoteInput): Promise<SupervisionOrder> {
    const order = await this.getToDecide(input.id);
    const note = this.noteOf(input);
    expectVersion('supervisionOrder', order, input.version);
    if (order.status !== OrderStatus.FEEDBACK_GIVEN) throw notInStatus(order, [OrderStatus.FEEDBACK_GIVEN], OrderEventKind.SENT_BACK);
    return this.step(
      order,
      OrderEventKind.SENT_BACK,
      (o) => {
        o.status = OrderStatus.SENT_BACK;
        o.sendBackReason = note;
      },
      { note },
    );
  }

  private noteOf(input: SupervisionOrderNoteInput): string {
    const problems = new InputProblems();
    const note = requiredText(input.note, MAX_TEXT_LENGTH, 'input.note', '反馈内容或退回理由', problems);
    problems.throwIfAny();
    return note;
  }

  /** Applies a change and records it in the history, in one flush; the version check guards concurrent steps. */
  private async step(
    order: SupervisionOrder,
    kind: OrderEventKind,
    change: (managed: SupervisionOrder) => void,
    details: Partial<Pick<SupervisionOrderEvent, 'note'>> = {},
  ): Promise<SupervisionOrder> {
    await this.ctx.em.transactional(async (em) => {
      const managed = em.merge(order);
      change(managed);
      this.record(em, managed, managed.version + 1, kind, details);
    });
    this.forget(order);
    return order;
  }

  private record(
    em: EntityManager,
    order: SupervisionOrder,
    seq: number,
    kind: OrderEventKind,
    details: Partial<Pick<SupervisionOrderEvent, 'note'>>,
  ): void {
    em.create(SupervisionOrderEvent, {
      order,
      seq,
      kind,
      actedBySubject: this.ctx.viewer.subject,
      actedByName: this.ctx.viewer.name,
      statusAfter: order.status,
      ...details,
    });
  }

  private forget(order: SupervisionOrder): void {
    this.ctx.loaders.supervisionOrder.byId.clear(order.id);
    this.ctx.loaders.supervisionOrder.history.clear(order.id);
  }
}
