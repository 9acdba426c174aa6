import { chinaDate, isLocalDate } from '../../calendar/period';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { AppError, badUserInput, conflict, ErrorCode, forbidden, notFound } from '../../errors/app-error';
import { fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { BlockerService, requiredText } from '../blocker/blocker.service';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import type { Blocker } from '../blocker/blocker.entity';
import { AccountabilityOutcome } from './accountability.entity';
import type { SupervisionOrder } from './supervision-order.entity';
import type { RecordAccountabilityInput } from './supervision-order.inputs';
import { OrderStatus } from './supervision-order.enums';
import { SupervisionOrderService } from './supervision-order.service';

const MAX_NAME_LENGTH = 50;
const MAX_UNIT_LENGTH = 100;
const MAX_TEXT_LENGTH = 2000;

/**
 * Accountability (问责): outcomes recorded on a closed supervision order or on a blocker, by those who
 * issue orders where it sits (the supervision office, the city's and counties' leaders). Read with
 * the order or blocker; the audit trail keeps who recorded what.
 */
export class AccountabilityService {
  constructor(private readonly ctx: Context) {}

  /** An outcome the viewer may read: with the order or the blocker it is recorded on. */
  async get(id: string): Promise<AccountabilityOutcome> {
    const outcome = isUuid(id) ? await this.ctx.em.findOne(AccountabilityOutcome, { id }) : null;
    if (!outcome) throw notFound('AccountabilityOutcome', id);
    const readable = outcome.order
      ? new SupervisionOrderService(this.ctx).get(outcome.order.id)
      : new BlockerService(this.ctx).get(outcome.blocker!.id);
    await readable.catch((error: unknown) => {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) throw notFound('AccountabilityOutcome', id);
      throw error;
    });
    return outcome;
  }

  async record(input: RecordAccountabilityInput): Promise<AccountabilityOutcome> {
    const problems = new InputProblems();
    problems.require(Boolean(input.orderId) !== Boolean(input.blockerId), 'input.orderId', {
      zh: '督办单与要素制约问题须且只须填写一项：问责记在一张督办单或一个问题上',
      en: 'give exactly one of orderId and blockerId: an outcome is recorded on one order or one blocker',
    });
    const personName = requiredText(input.personName, MAX_NAME_LENGTH, 'input.personName', '问责对象', problems);
    const personUnit = requiredText(input.personUnit, MAX_UNIT_LENGTH, 'input.personUnit', '单位及职务', problems);
    const detail = cleanText(input.detail);
    problems.require(
      (detail ?? '').length <= MAX_TEXT_LENGTH,
      'input.detail',
      textTooLong(fieldLabel('问责情况说明', 'input.detail'), MAX_TEXT_LENGTH),
    );
    const today = chinaDate();
    problems.require(isLocalDate(input.decidedOn) && input.decidedOn <= today, 'input.decidedOn', {
      zh: `问责日期不能晚于今天（${today}）：记录的是已作出的问责决定`,
      en: `decidedOn must be today (${today}) or earlier: an outcome records a decision taken`,
    });
    problems.throwIfAny();

    const target = await this.targetOf(input);
    if (!(await this.recordsAt(target.ownerCode))) {
      throw forbidden({
        zh: '只有督查室和本级及上级领导可以记录问责结果',
        en: 'only the supervision office and the leaders above may record an accountability outcome',
      });
    }
    const { viewer } = this.ctx;
    const outcome = await this.ctx.em.transactional(async (em) =>
      em.create(AccountabilityOutcome, {
        order: target.orderId,
        blocker: target.blockerId,
        project: target.projectId,
        tenant: target.ownerCode,
        personName,
        personUnit,
        measure: input.measure,
        detail,
        decidedOn: input.decidedOn,
        recordedBySubject: viewer.subject,
        recordedByName: viewer.name,
      }),
    );
    if (target.orderId) this.ctx.loaders.supervisionOrder.accountabilityOfOrder.clear(target.orderId);
    if (target.blockerId) this.ctx.loaders.supervisionOrder.accountabilityOfBlocker.clear(target.blockerId);
    return outcome;
  }

  /** Whether the viewer may record outcomes on what concerns the tenant `ownerCode`: who issues orders there. */
  async recordsAt(ownerCode: string): Promise<boolean> {
    const owner = await this.ctx.loaders.tenant.byCode.load(ownerCode);
    return owner !== undefined && this.ctx.access.issuesOrdersAt(owner.path);
  }

  /** Whether `record` would take an outcome on the order from the viewer now: a closed order, where they issue orders. */
  async recordsOnOrder(order: SupervisionOrder): Promise<boolean> {
    return order.status === OrderStatus.CLOSED && this.recordsAt(order.tenant.code);
  }

  /** Whether `record` would take an outcome on the blocker from the viewer: where they issue orders about its project. */
  async recordsOnBlocker(blocker: Blocker): Promise<boolean> {
    const project = await this.ctx.loaders.project.byId.load(blocker.project.id);
    return project !== undefined && this.recordsAt(project.owner.code);
  }

  /** The closed order or the blocker the outcome is recorded on, as the viewer reads it. */
  private async targetOf(
    input: RecordAccountabilityInput,
  ): Promise<{ orderId?: string; blockerId?: string; projectId?: string; ownerCode: string }> {
    if (input.orderId) {
      const order = await new SupervisionOrderService(this.ctx).get(input.orderId);
      if (order.status !== OrderStatus.CLOSED) {
        throw conflict(
          { zh: '只有已办结的督办单才能记录问责结果', en: 'an accountability outcome is recorded on a closed order only' },
          { field: 'input.orderId' },
        );
      }
      return { orderId: order.id, projectId: order.project?.id, ownerCode: order.tenant.code };
    }
    if (!input.blockerId) throw badUserInput('input.blockerId', { zh: '要素制约问题不能为空', en: 'blockerId must not be empty' });
    const blocker = await new BlockerService(this.ctx).get(input.blockerId);
    const project = await new ProjectService(this.ctx).get(blocker.project.id);
    return { blockerId: blocker.id, projectId: project.id, ownerCode: project.owner.code };
  }
}
