import type { RequiredEntityData } from '@mikro-orm/core';
import { devUser } from '../auth/dev-users';
import type { Blocker } from '../modules/blocker/blocker.entity';
import { BlockerType } from '../modules/blocker/blocker.enums';
import { ProjectStage, stageRank } from '../modules/project/project.enums';
import type { AccountabilityOutcome } from '../modules/supervision-order/accountability.entity';
import { AccountabilityMeasure } from '../modules/supervision-order/accountability.enums';
import type { SupervisionOrder, SupervisionOrderEvent } from '../modules/supervision-order/supervision-order.entity';
import { OrderEventKind, OrderStatus, OrderSubject } from '../modules/supervision-order/supervision-order.enums';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import { personName } from './demo-names';
import type { DemoOfficers, Officer } from './demo-officers';
import { type DemoPlaces, type DemoTenant, departmentOf, townGovernment } from './demo-places';
import type { DemoProject } from './demo-project';
import { addDays, chinaInstant, daysBetween, type Random } from './demo-primitives';

/**
 * Supervision orders (督办) in the demo city: the city's supervision office (陈静) presses lagging
 * projects, escalated blockers and a lagging county; 李娜 presses a town of her district. Every
 * state is there: waiting to be acknowledged (one in 王磊's town), acknowledged, answered, sent back,
 * closed (one with an accountability outcome), and overdue ones the daily check escalated one level.
 */
export interface DemoOrders {
  orders: RequiredEntityData<SupervisionOrder>[];
  events: RequiredEntityData<SupervisionOrderEvent>[];
  outcomes: RequiredEntityData<AccountabilityOutcome>[];
}

/** Where an order ends up. */
type Course = 'ISSUED' | 'ACKNOWLEDGED' | 'ANSWERED' | 'SENT_BACK' | 'CLOSED' | 'OVERDUE';

/** The topic of the notice, from what holds the project up. */
const TOPIC: Partial<Record<BlockerType, string>> = {
  [BlockerType.LAND]: '土地报批进度',
  [BlockerType.APPROVALS]: '审批手续办理',
  [BlockerType.FUNDING]: '建设资金落实',
  [BlockerType.LAND_ACQUISITION]: '征地拆迁工作',
  [BlockerType.ENERGY_QUOTA]: '能耗指标落实',
  [BlockerType.UTILITIES]: '管线迁改工作',
};

const FEEDBACK = [
  '已召开专题调度会，明确责任人和完成时限，倒排工期、挂图作战，目前已完成阶段性任务。',
  '已成立工作专班，逐项梳理问题清单，相关手续材料已报送主管部门审查。',
  '已协调施工单位增加作业面和施工人员，近期投资完成进度明显加快。',
];
const FINAL_FEEDBACK = [
  '相关问题已全部解决，佐证材料（批复文件、现场照片）已一并报送。',
  '已按期完成督办事项，项目已恢复正常施工，后续将按月报送进展。',
];
const SEND_BACK = ['反馈内容未附佐证材料，请补充相关批复文件后重新反馈。', '反馈未说明完成时限和责任人，请细化后重新反馈。'];

interface Step {
  kind: OrderEventKind;
  daysAgo: number;
  by: Officer | undefined;
  note?: string;
  toTenantCode?: string;
}

interface Plan {
  subject: OrderSubject;
  project?: DemoProject;
  blocker?: RequiredEntityData<Blocker>;
  tenant: DemoTenant;
  addressee: DemoTenant;
  unit: string | undefined;
  title: string;
  requirement: string;
  issuer: Officer;
  course: Course;
}

const asOfficer = (name: string): Officer => {
  const user = devUser(name)!;
  return { subject: user.subject, name: user.name, tenantCode: user.tenantCode };
};

/** The unit a tenant's order goes to: a town's government, or a county's or the city's development and reform bureau. */
function unitOf(tenant: DemoTenant): string {
  if (tenant.level === TenantLevel.TOWN) return townGovernment(tenant);
  return tenant.level === TenantLevel.CITY ? '德州市发展和改革委员会' : departmentOf(tenant, '发展和改革局');
}

export function demoOrders(
  rng: Random,
  projects: readonly DemoProject[],
  blockers: readonly RequiredEntityData<Blocker>[],
  places: DemoPlaces,
  officers: DemoOfficers,
  asOf: string,
): DemoOrders {
  const supervisor = asOfficer('supervisor');
  const countyLeader = asOfficer('county-leader');
  const townCode = devUser('town-officer')!.tenantCode;
  const countyCode = countyLeader.tenantCode;
  const lagging = projects.filter(
    (p) =>
      p.band === 'BEHIND' &&
      !p.isFeatured &&
      stageRank(p.stage) < stageRank(ProjectStage.COMPLETED) &&
      daysBetween(p.createdAt.toISOString().slice(0, 10), asOf) > 200,
  );
  const byId = new Map(projects.map((p) => [p.id, p]));
  const plans: Plan[] = [];
  const projectOrder = (project: DemoProject, course: Course, issuer: Officer, topic = '建设进度'): Plan => ({
    subject: OrderSubject.PROJECT,
    project,
    tenant: project.owner,
    addressee: project.owner,
    unit: unitOf(project.owner),
    title: `关于加快${project.name}${topic}的督办通知`,
    requirement:
      `${project.name}投资完成进度明显滞后于时序进度。请${project.owner.name}压实属地责任，会同项目建设单位倒排工期、` +
      '加大要素保障，于办结时限前将整改措施和进展情况书面报送。',
    issuer,
    course,
  });

  // 王磊's town: an order waiting for him to acknowledge.
  const town = lagging.find((p) => p.owner.code === townCode) ?? projects.find((p) => p.owner.code === townCode && !p.isFeatured);
  if (town) plans.push(projectOrder(town, 'ISSUED', supervisor));
  // 李娜 presses one of her district's towns; the city's office presses her district as a whole.
  const inCountyTown = (p: DemoProject) => p.owner.code.startsWith(countyCode) && p.owner.code !== countyCode && p.owner.code !== townCode;
  const countyTown =
    lagging.find(inCountyTown) ??
    projects.find((p) => inCountyTown(p) && !p.isFeatured && stageRank(p.stage) < stageRank(ProjectStage.COMPLETED));
  if (countyTown) plans.push(projectOrder(countyTown, 'ANSWERED', countyLeader));
  const county = places.counties().find((c) => c.code === countyCode) ?? places.city;
  plans.push({
    subject: OrderSubject.TENANT,
    tenant: county,
    addressee: county,
    unit: departmentOf(county, '发展和改革局'),
    title: `关于${county.name}重点项目投资完成率低于时序进度问题的督办通知`,
    requirement:
      `${county.name}重点项目投资完成率低于全市平均水平。请逐项目分析滞后原因，制定赶超措施，` +
      '明确责任领导和完成时限，于办结时限前报送整改方案。',
    issuer: supervisor,
    course: 'ACKNOWLEDGED',
  });
  // Escalated blockers the city's office follows up.
  for (const blocker of blockers.filter((b) => b.escalatedTo).slice(0, 2)) {
    const project = byId.get(blocker.project as string);
    if (!project) continue;
    plans.push({
      subject: OrderSubject.BLOCKER,
      project,
      blocker,
      tenant: project.owner,
      addressee: project.owner,
      unit: blocker.responsibleUnit as string,
      title: `关于加快解决${project.name}${TOPIC[blocker.type as BlockerType] ?? '要素制约'}问题的督办通知`,
      requirement: `${blocker.description as string}。请${blocker.responsibleUnit as string}牵头，会同属地限期解决，并书面反馈办理结果。`,
      issuer: supervisor,
      course: plans.length % 2 === 0 ? 'SENT_BACK' : 'CLOSED',
    });
  }
  const courses: Course[] = ['ISSUED', 'ACKNOWLEDGED', 'ANSWERED', 'CLOSED', 'CLOSED', 'CLOSED', 'OVERDUE', 'OVERDUE', 'SENT_BACK'];
  const used = new Set(plans.map((p) => p.project?.id));
  for (const course of courses) {
    const candidates = lagging.filter((p) => !used.has(p.id) && p.owner.level !== TenantLevel.CITY);
    if (candidates.length === 0) break;
    const project = rng.pick(candidates);
    used.add(project.id);
    plans.push(projectOrder(project, course, supervisor));
  }

  const result: DemoOrders = { orders: [], events: [], outcomes: [] };
  let accountable = true;
  for (const plan of plans) {
    const answeredOnlyWhenSentBack = write(rng, plan, places, officers, asOf, result);
    if (answeredOnlyWhenSentBack && accountable) {
      accountable = false;
      result.outcomes.push(outcome(rng, plan, result.orders.at(-1)!.id as string, supervisor, asOf));
    }
  }
  return result;
}

/** Writes an order and its history; true when it was closed only after being sent back (then someone may answer for it). */
function write(rng: Random, plan: Plan, places: DemoPlaces, officers: DemoOfficers, asOf: string, result: DemoOrders): boolean {
  const answerer = officers.of(plan.addressee);
  const course = plan.course;
  // Open orders were issued lately with a deadline ahead; overdue and closed ones weeks or months ago.
  const issuedDaysAgo = course === 'CLOSED' ? rng.int(45, 200) : course === 'OVERDUE' ? rng.int(40, 60) : rng.int(3, 12);
  const deadlineOn = addDays(asOf, -issuedDaysAgo + (course === 'OVERDUE' ? rng.int(14, 20) : rng.int(20, 30)));
  const steps: Step[] = [{ kind: OrderEventKind.ISSUED, daysAgo: issuedDaysAgo, by: plan.issuer }];
  const later = (share: number) => Math.max(1, Math.round(issuedDaysAgo * share));
  if (course !== 'ISSUED') steps.push({ kind: OrderEventKind.ACKNOWLEDGED, daysAgo: later(0.9), by: answerer });
  if (['ANSWERED', 'SENT_BACK', 'CLOSED'].includes(course))
    steps.push({ kind: OrderEventKind.FEEDBACK_GIVEN, daysAgo: later(0.6), by: answerer, note: rng.pick(FEEDBACK) });
  const sentBack = course === 'SENT_BACK' || (course === 'CLOSED' && rng.chance(0.5));
  if (sentBack) steps.push({ kind: OrderEventKind.SENT_BACK, daysAgo: later(0.45), by: plan.issuer, note: rng.pick(SEND_BACK) });
  if (course === 'CLOSED') {
    steps.push({ kind: OrderEventKind.FEEDBACK_GIVEN, daysAgo: later(0.3), by: answerer, note: rng.pick(FINAL_FEEDBACK) });
    steps.push({ kind: OrderEventKind.CLOSED, daysAgo: later(0.2), by: plan.issuer });
  }
  // Overdue: the daily check escalated it, the day after its deadline, one level above the addressee.
  const above = plan.addressee.level === TenantLevel.TOWN ? places.countyOf(plan.addressee) : places.city;
  const escalated = course === 'OVERDUE' && above && above.code !== plan.addressee.code;
  const escalatedOn = addDays(deadlineOn, 1);
  if (escalated) {
    steps.push({
      kind: OrderEventKind.ESCALATED,
      daysAgo: daysBetween(escalatedOn, asOf),
      by: undefined,
      note: `逾期未办结（办结时限 ${deadlineOn}），提级督办`,
      toTenantCode: above.code,
    });
  }
  for (let i = 1; i < steps.length; i++) steps[i]!.daysAgo = Math.max(0, Math.min(steps[i]!.daysAgo, steps[i - 1]!.daysAgo - 1));

  const id = rng.uuid();
  const at = (daysAgo: number, seq: number) => chinaInstant(addDays(asOf, -daysAgo), 9 * 60 + seq * 11);
  let status = OrderStatus.ISSUED;
  let latestFeedback: string | undefined;
  let sendBackReason: string | undefined;
  let closedAt: Date | undefined;
  steps.forEach((step, i) => {
    const seq = i + 1;
    if (step.kind === OrderEventKind.ACKNOWLEDGED) status = OrderStatus.ACKNOWLEDGED;
    if (step.kind === OrderEventKind.FEEDBACK_GIVEN) [status, latestFeedback] = [OrderStatus.FEEDBACK_GIVEN, step.note];
    if (step.kind === OrderEventKind.SENT_BACK) [status, sendBackReason] = [OrderStatus.SENT_BACK, step.note];
    if (step.kind === OrderEventKind.CLOSED) [status, closedAt] = [OrderStatus.CLOSED, at(step.daysAgo, seq)];
    result.events.push({
      id: rng.uuid(),
      order: id,
      seq,
      kind: step.kind,
      actedAt: at(step.daysAgo, seq),
      actedBySubject: step.by?.subject,
      actedByName: step.by?.name,
      note: step.note,
      fromTenantCode: step.kind === OrderEventKind.ESCALATED ? plan.addressee.code : undefined,
      toTenantCode: step.toTenantCode,
      statusAfter: status,
    });
  });
  result.orders.push({
    id,
    subject: plan.subject,
    project: plan.project?.id,
    blocker: plan.blocker?.id as string | undefined,
    tenant: plan.tenant.code,
    title: plan.title,
    requirement: plan.requirement,
    addressee: plan.addressee.code,
    addresseeUnit: plan.unit,
    deadlineOn,
    status,
    issuedBySubject: plan.issuer.subject,
    issuedByName: plan.issuer.name,
    issuedByTenantCode: plan.issuer.tenantCode,
    issuedAt: at(issuedDaysAgo, 1),
    latestFeedback,
    sendBackReason,
    closedAt,
    escalatedTo: escalated ? above.code : undefined,
    escalatedOn: escalated ? escalatedOn : undefined,
    version: steps.length,
    updatedAt: at(steps.at(-1)!.daysAgo, steps.length),
  });
  return course === 'CLOSED' && sentBack;
}

/** The deputy in charge (分管负责同志) of a unit, by what the unit is. */
function deputyOf(unit: string): string {
  if (unit.endsWith('办事处')) return '副主任';
  if (unit.endsWith('乡人民政府')) return '副乡长';
  if (unit.endsWith('人民政府')) return '副镇长';
  return unit.endsWith('委员会') ? '副主任' : '副局长';
}

/** The office holds the addressee's responsible person to account for an order answered only after being sent back. */
function outcome(rng: Random, plan: Plan, orderId: string, recorder: Officer, asOf: string): RequiredEntityData<AccountabilityOutcome> {
  const unit = plan.unit ?? unitOf(plan.addressee);
  return {
    id: rng.uuid(),
    order: orderId,
    project: plan.project?.id,
    tenant: plan.tenant.code,
    personName: personName(rng),
    personUnit: `${unit}${deputyOf(unit)}`,
    measure: AccountabilityMeasure.INTERVIEW,
    detail: '督办事项首次反馈不实、被退回后方才办结，影响项目推进，经研究对分管负责同志进行约谈。',
    decidedOn: addDays(asOf, -2),
    recordedBySubject: recorder.subject,
    recordedByName: recorder.name,
    recordedAt: chinaInstant(addDays(asOf, -1), 15 * 60),
  };
}
