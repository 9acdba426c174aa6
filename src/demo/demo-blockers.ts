import { createHash } from 'node:crypto';
import type { RequiredEntityData } from '@mikro-orm/core';
import { devUser } from '../auth/dev-users';
import type { Blocker, BlockerEvent } from '../modules/blocker/blocker.entity';
import { BlockerEventKind, BlockerStatus, BlockerType } from '../modules/blocker/blocker.enums';
import type { Project } from '../modules/project/project.entity';
import { addDays, chinaInstant } from './demo-primitives';

/** A uuid drawn from a name, so the same demo gets the same ids every time. */
function nameUuid(name: string): string {
  const hex = createHash('sha256').update(`blocker:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type ProjectRow = RequiredEntityData<Project> & { id: string; owner: string; name: string };

interface Person {
  subject: string;
  name: string;
  tenantCode: string;
}

interface Step {
  kind: BlockerEventKind;
  /** Days before the as-of date. */
  daysAgo: number;
  by: Person;
  note?: string;
  toTenantCode?: string;
}

interface Plan {
  type: BlockerType;
  description: string;
  responsibleUnit: string;
  /** Deadline relative to the as-of date, in days (negative: already past). */
  deadlineInDays: number;
  steps: Step[];
}

export interface DemoBlockers {
  blockers: RequiredEntityData<Blocker>[];
  events: RequiredEntityData<BlockerEvent>[];
}

/** The town officer of a town other than the demo user's: a made-up identity that names its tenant. */
function officerOf(tenantCode: string): Person {
  return { subject: `demo-officer-${tenantCode}`, name: `${tenantCode}联络员`, tenantCode };
}

/**
 * A handful of blockers (问题台账) at every stage, so the ledger, the to-do lists and the figures
 * show something on first start: on 新湖街道's projects when it has some (the demo town officer's
 * own), otherwise on 德城区's towns. One waits with the county (李娜's to-do list), one went on to
 * the city (张伟's to-do list), one is overdue, one resolved waiting for confirmation, one closed.
 */
export function demoBlockers(projects: readonly ProjectRow[], asOf: string): DemoBlockers {
  const townOfficer = devUser('town-officer')!;
  const countyLeader = devUser('county-leader')!;
  const cityLeader = devUser('city-leader')!;
  const county = countyLeader.tenantCode;
  const city = cityLeader.tenantCode;
  const towns = projects
    .filter((p) => p.owner.startsWith(county) && p.owner.length > county.length)
    .sort((a, b) => Number(b.owner === townOfficer.tenantCode) - Number(a.owner === townOfficer.tenantCode) || a.id.localeCompare(b.id));
  const raiserOf = (project: ProjectRow): Person =>
    project.owner === townOfficer.tenantCode ? { ...townOfficer } : officerOf(project.owner);
  const cityProject = projects.filter((p) => p.owner === city).sort((a, b) => a.id.localeCompare(b.id))[0];

  const plans: [ProjectRow | undefined, (raiser: Person) => Plan][] = [
    [towns[0], (raiser) => ({
      type: BlockerType.LAND,
      description: '项目二期用地指标尚未落实，影响厂房开工建设',
      responsibleUnit: '德城区自然资源局',
      deadlineInDays: -10,
      steps: [{ kind: BlockerEventKind.RAISED, daysAgo: 45, by: raiser }],
    })],
    [towns[1], (raiser) => ({
      type: BlockerType.FUNDING,
      description: '配套资金缺口约2000万元，地方专项债券资金尚未到位',
      responsibleUnit: '德城区财政局',
      deadlineInDays: 20,
      steps: [
        { kind: BlockerEventKind.RAISED, daysAgo: 30, by: raiser },
        { kind: BlockerEventKind.STARTED, daysAgo: 28, by: raiser },
        { kind: BlockerEventKind.ESCALATED, daysAgo: 21, by: raiser, note: '街道层面无法统筹资金，提请区领导协调', toTenantCode: county },
      ],
    })],
    [towns[2] ?? towns[0], (raiser) => ({
      type: BlockerType.LAND_ACQUISITION,
      description: '项目红线内12户房屋征收补偿未达成一致，影响施工进场',
      responsibleUnit: '德城区住房和城乡建设局',
      deadlineInDays: 15,
      steps: [
        { kind: BlockerEventKind.RAISED, daysAgo: 40, by: raiser },
        { kind: BlockerEventKind.ESCALATED, daysAgo: 33, by: raiser, note: '涉及跨街道安置，提请区级协调', toTenantCode: county },
        { kind: BlockerEventKind.STARTED, daysAgo: 30, by: { ...countyLeader } },
        { kind: BlockerEventKind.ESCALATED, daysAgo: 12, by: { ...countyLeader }, note: '安置房源需市级统筹，提请市领导协调', toTenantCode: city },
      ],
    })],
    [towns[3] ?? towns[0], (raiser) => ({
      type: BlockerType.APPROVALS,
      description: '施工许可证办理需补充消防设计审查意见',
      responsibleUnit: '德城区行政审批服务局',
      deadlineInDays: 5,
      steps: [
        { kind: BlockerEventKind.RAISED, daysAgo: 25, by: raiser },
        { kind: BlockerEventKind.STARTED, daysAgo: 24, by: raiser },
        { kind: BlockerEventKind.RESOLVED, daysAgo: 3, by: raiser, note: '已开通绿色通道，消防审查意见已出具' },
      ],
    })],
    [towns[4] ?? towns[0], (raiser) => ({
      type: BlockerType.UTILITIES,
      description: '施工区域内10kV电力线路需迁改',
      responsibleUnit: '国网德州供电公司',
      deadlineInDays: -20,
      steps: [
        { kind: BlockerEventKind.RAISED, daysAgo: 60, by: raiser },
        { kind: BlockerEventKind.RESOLVED, daysAgo: 35, by: raiser, note: '线路迁改完成' },
        { kind: BlockerEventKind.CLOSED, daysAgo: 33, by: raiser },
      ],
    })],
    [cityProject, (raiser) => ({
      type: BlockerType.ENERGY_QUOTA,
      description: '项目能耗指标需省级调剂',
      responsibleUnit: '德州市发展和改革委员会',
      deadlineInDays: 40,
      steps: [{ kind: BlockerEventKind.RAISED, daysAgo: 14, by: raiser }],
    })],
  ];

  const blockers: RequiredEntityData<Blocker>[] = [];
  const events: RequiredEntityData<BlockerEvent>[] = [];
  const used = new Set<string>();
  plans.forEach(([project, planOf], index) => {
    if (!project) return;
    const raiser = project.owner === city ? { ...cityLeader } : raiserOf(project);
    const plan = planOf(raiser);
    const id = nameUuid(`${project.id}:${index}`);
    if (used.has(id)) return;
    used.add(id);
    let status = BlockerStatus.OPEN;
    let escalatedTo: string | undefined;
    let escalationReason: string | undefined;
    let resolution: Pick<Blocker, 'resolution' | 'resolvedAt' | 'resolvedBy' | 'resolvedByName'> | undefined;
    let closedAt: Date | undefined;
    const at = (daysAgo: number, seq: number) => chinaInstant(addDays(asOf, -daysAgo), 9 * 60 + 30 + seq * 7);
    plan.steps.forEach((step, i) => {
      const seq = i + 1;
      let from: string | undefined;
      switch (step.kind) {
        case BlockerEventKind.STARTED:
          status = BlockerStatus.IN_PROGRESS;
          break;
        case BlockerEventKind.ESCALATED:
          from = escalatedTo ?? project.owner;
          escalatedTo = step.toTenantCode;
          escalationReason = step.note;
          break;
        case BlockerEventKind.RESOLVED:
          status = BlockerStatus.RESOLVED;
          resolution = { resolution: step.note, resolvedAt: at(step.daysAgo, seq), resolvedBy: step.by.subject, resolvedByName: step.by.name };
          break;
        case BlockerEventKind.CLOSED:
          status = BlockerStatus.CLOSED;
          closedAt = at(step.daysAgo, seq);
          break;
        default:
          break;
      }
      events.push({
        id: nameUuid(`${id}:${seq}`),
        blocker: id,
        seq,
        kind: step.kind,
        at: at(step.daysAgo, seq),
        actorSubject: step.by.subject,
        actorName: step.by.name,
        note: step.kind === BlockerEventKind.RAISED ? undefined : step.note,
        fromTenantCode: from,
        toTenantCode: step.kind === BlockerEventKind.ESCALATED ? step.toTenantCode : undefined,
        statusAfter: status,
        escalatedToAfter: escalatedTo,
      });
    });
    const last = plan.steps.at(-1)!;
    blockers.push({
      id,
      project: project.id,
      type: plan.type,
      description: plan.description,
      responsibleUnit: plan.responsibleUnit,
      deadlineOn: addDays(asOf, plan.deadlineInDays),
      status,
      raisedBy: raiser.subject,
      raisedByName: raiser.name,
      raisedByTenantCode: raiser.tenantCode,
      raisedAt: at(plan.steps[0]!.daysAgo, 1),
      escalatedTo,
      escalationReason,
      ...resolution,
      closedAt,
      version: plan.steps.length,
      updatedAt: at(last.daysAgo, plan.steps.length),
    });
  });
  return { blockers, events };
}
