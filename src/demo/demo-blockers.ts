import type { RequiredEntityData } from '@mikro-orm/core';
import { devUser } from '../auth/dev-users';
import type { Blocker, BlockerEvent } from '../modules/blocker/blocker.entity';
import { BlockerEventKind, BlockerStatus, BlockerType } from '../modules/blocker/blocker.enums';
import { isStarted, ProjectStage, stageRank } from '../modules/project/project.enums';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import type { Officer, DemoOfficers } from './demo-officers';
import {
  type DemoPlaces,
  type DemoTenant,
  departmentOf,
  environmentBureau,
  isSubdistrict,
  powerSupplyCompany,
  shortNameOf,
  townGovernment,
} from './demo-places';
import type { DemoProject } from './demo-project';
import { addDays, chinaInstant, daysBetween, ONE_WAN, type Random } from './demo-primitives';

/**
 * The blocker ledger (问题台账): element constraints of every type on projects still being
 * prepared or built, mostly those behind plan, each raised by its owner's officer, handled by the
 * unit whose business it is (用地 by 自然资源和规划局, 能耗 by 发改, 管线迁改 by the power company ...),
 * some escalated to the county or on to the city, some resolved with feedback and some closed.
 * The demo users find their own: 王磊's town has an open one, 李娜 has one escalated to 德城区
 * and 张伟 one escalated on to the city.
 */

export interface DemoBlockers {
  blockers: RequiredEntityData<Blocker>[];
  events: RequiredEntityData<BlockerEvent>[];
}

/** Where a blocker ends up, as the list of what happened to it. */
type Course = 'OPEN' | 'WORKING' | 'TO_COUNTY' | 'TO_CITY' | 'RESOLVED' | 'CLOSED';

interface Issue {
  description: string;
  /** The unit whose business it is (责任单位). */
  unit: string;
  resolution: string;
}

interface IssueContext {
  project: DemoProject;
  /** The government the project answers to: its county (its owner for a county, the city for the city). */
  government: DemoTenant;
  /** The town the project is built in, when it is built in one. */
  town: DemoTenant | undefined;
}

/** The raw material of each type: what a town writes, who must act, and what the feedback says. */
const ISSUES: Record<BlockerType, (rng: Random, c: IssueContext) => Issue | undefined> = {
  [BlockerType.LAND]: (rng, { project, government }) => {
    if (!['FACTORY', 'ENERGY', 'FARM', 'BUILDING'].includes(project.kind)) return undefined;
    const mu = rng.int(3, 12) * 10;
    return {
      description: rng.pick([
        `项目新增建设用地${mu}亩指标尚未落实，影响土地摘牌`,
        `项目用地${mu}亩涉及永久基本农田调整，需待国土空间规划调整批复`,
        project.kind === 'ENERGY' ? '光伏方阵用地涉及一般耕地，需完成用地合规性复核' : `二期用地${mu}亩尚未完成组卷报批`,
      ]),
      unit: departmentOf(government, '自然资源和规划局'),
      resolution: rng.pick([
        `已调剂新增建设用地指标${mu}亩，完成土地挂牌出让`,
        '用地合规性复核已完成，同意按计划实施',
        '组卷材料已报省厅审批，已取得用地批复',
      ]),
    };
  },
  [BlockerType.FUNDING]: (rng, { project, government }) => {
    // A gap of a tenth to a third of the project, in round 百万.
    const gap = Math.max(100, Math.round(((project.total / ONE_WAN) * rng.float(0.1, 0.35)) / 100) * 100);
    return project.isEnterprise
      ? {
          description: rng.pick([`企业项目贷款${gap}万元尚在银行审批中，影响设备采购`, `投资方后续资金未按协议到位，缺口约${gap}万元`]),
          unit: departmentOf(government, '财政局'),
          resolution: rng.pick(['经政银企对接会协调，银行贷款已审批放款', '投资方已追加资本金，资金缺口已补齐']),
        }
      : {
          description: rng.pick([
            `地方政府专项债券资金${gap}万元尚未到位，影响工程款支付`,
            `上级补助资金尚未下达，配套资金缺口约${gap}万元`,
          ]),
          unit: departmentOf(government, '财政局'),
          resolution: rng.pick(['专项债券资金已拨付到位', '财政已统筹资金先行垫付，工程款已支付']),
        };
  },
  [BlockerType.APPROVALS]: (rng, { project, government }) => ({
    description:
      project.kind === 'ROAD'
        ? rng.pick(['涉路施工许可尚未取得，影响交叉路段施工', '初步设计批复需补充防洪影响评价意见'])
        : rng.pick([
            '施工许可证办理需补充消防设计审查意见',
            '施工图审查意见未闭合，影响施工许可办理',
            '规划设计方案需重新审查，影响工程规划许可核发',
          ]),
    unit: departmentOf(government, '行政审批服务局'),
    resolution: rng.pick(['已开通绿色通道，审批意见已出具', '容缺受理后已完成审批', '已联合会审，许可证已核发']),
  }),
  [BlockerType.LAND_ACQUISITION]: (rng, { project, government, town }) => {
    if (!['ROAD', 'UTILITY', 'BUILDING'].includes(project.kind)) return undefined;
    const households = rng.int(3, 40);
    return {
      description: rng.pick([
        `项目红线内${households}户房屋征收补偿未达成一致，影响施工进场`,
        `沿线${households}处坟墓迁移及地上附着物清表尚未完成`,
        '征地补偿款未全部兑付，部分群众阻挠施工',
      ]),
      unit: town ? townGovernment(town) : departmentOf(government, '住房和城乡建设局'),
      resolution: rng.pick(['经属地逐户做工作，补偿协议已全部签订', '附着物清表已完成，施工队伍已进场', '补偿款已兑付到位，施工恢复正常']),
    };
  },
  [BlockerType.ENVIRONMENTAL_CAPACITY]: (rng, { project, government }) => {
    if (project.kind !== 'FACTORY') return undefined;
    return {
      description: rng.pick(['项目主要污染物排放总量指标需调剂，影响环评审批', '挥发性有机物排放总量指标不足，需区域内削减替代']),
      unit: environmentBureau(government.level === TenantLevel.CITY ? undefined : government),
      resolution: rng.pick(['已完成区域削减替代，环评已批复', '总量指标已由市级统筹调剂解决']),
    };
  },
  [BlockerType.ENERGY_QUOTA]: (rng, { project, government }) => {
    if (project.kind !== 'FACTORY') return undefined;
    return {
      description: rng.pick([
        `项目年综合能耗约${rng.int(1, 9) * 1000}吨标准煤，能耗指标需市级统筹调剂`,
        '能耗等量替代来源尚未落实，节能审查意见无法出具',
      ]),
      unit: government.level === TenantLevel.CITY ? '德州市发展和改革委员会' : departmentOf(government, '发展和改革局'),
      resolution: rng.pick(['已通过市级统筹调剂能耗指标', '替代源已落实，节能审查意见已出具']),
    };
  },
  [BlockerType.UTILITIES]: (rng, { project, government }) => {
    const county = government.level === TenantLevel.CITY ? undefined : government;
    const power = { unit: powerSupplyCompany(county), resolution: '线路迁改完成，已恢复施工' };
    if (project.kind === 'ENERGY')
      return {
        description: '升压站送出线路接入方案待电网公司批复',
        unit: powerSupplyCompany(county),
        resolution: '接入系统方案已批复，送出线路开工建设',
      };
    return rng.pick([
      { description: '施工区域内10kV电力线路需迁改', ...power },
      { description: '项目配套变电站接入容量不足，需新建专线', unit: powerSupplyCompany(county), resolution: '专线已建成投运' },
      {
        description: '燃气管道与设计管线冲突，需先行迁改',
        unit: departmentOf(government, '住房和城乡建设局'),
        resolution: '燃气管道迁改完成',
      },
    ]);
  },
  [BlockerType.OTHER]: (rng, { government, town }) =>
    rng.pick([
      {
        description: '重污染天气应急管控期间停工，需合理安排工期',
        unit: departmentOf(government, '住房和城乡建设局'),
        resolution: '管控解除后已全面复工，并增加作业面抢工期',
      },
      {
        description: '施工扰民投诉较多，需协调夜间施工许可',
        unit: departmentOf(government, '城市管理局'),
        resolution: '已核发夜间施工许可，并落实降噪措施',
      },
      {
        description: '周边村民对施工运输道路有异议，需协调解决',
        unit: town ? townGovernment(town) : departmentOf(government, '交通运输局'),
        resolution: '经属地协调，已另行修建施工便道',
      },
    ]),
};

const TYPES = Object.values(BlockerType);

/** Projects that can still be held up: not completed; a not-started one only by what stops a start. */
function canBeHeldUp(project: DemoProject, type: BlockerType): boolean {
  if (stageRank(project.stage) >= stageRank(ProjectStage.COMPLETED)) return false;
  if (isStarted(project.stage)) return true;
  return (
    project.stage !== ProjectStage.PLANNED &&
    [
      BlockerType.LAND,
      BlockerType.APPROVALS,
      BlockerType.FUNDING,
      BlockerType.LAND_ACQUISITION,
      BlockerType.ENVIRONMENTAL_CAPACITY,
      BlockerType.ENERGY_QUOTA,
    ].includes(type)
  );
}

interface Step {
  kind: BlockerEventKind;
  /** Days before the as-of date. */
  daysAgo: number;
  by: Officer;
  note?: string;
  toTenantCode?: string;
}

/** A blocker to write: on which project, of which type, and how its course went. */
interface Choice {
  project: DemoProject;
  type: BlockerType;
  course: Course;
}

const COUNT = 64;

export function demoBlockers(
  rng: Random,
  projects: readonly DemoProject[],
  places: DemoPlaces,
  officers: DemoOfficers,
  asOf: string,
): DemoBlockers {
  const picks: Choice[] = [...pinnedPicks(projects, asOf)];
  const held = new Map<string, number>(picks.map((p) => [p.project.id, 1]));
  for (let i = 0; picks.length < COUNT && i < COUNT * 4; i++) {
    const type = TYPES[i % TYPES.length]!;
    const candidates = projects
      .filter((p) => canBeHeldUp(p, type) && (held.get(p.id) ?? 0) < 2 && !p.isFeatured && registeredLongEnough(p, asOf))
      .map((p) => [p, p.band === 'BEHIND' ? 4 : isStarted(p.stage) ? 1 : 2] as const);
    if (candidates.length === 0) continue;
    const project = rng.weighted(candidates);
    held.set(project.id, (held.get(project.id) ?? 0) + 1);
    const course = rng.weighted<Course>([
      ['OPEN', 18],
      ['WORKING', 20],
      ['TO_COUNTY', 12],
      ['TO_CITY', 6],
      ['RESOLVED', 17],
      ['CLOSED', 27],
    ]);
    picks.push({ project, type, course });
  }

  const result: DemoBlockers = { blockers: [], events: [] };
  for (const pick of picks) write(rng, fitting(rng, pick, places), places, officers, asOf, result);
  return result;
}

/** A blocker is raised a week or more after the project was registered. */
function registeredLongEnough(project: DemoProject, asOf: string): boolean {
  return daysBetween(project.createdAt.toISOString().slice(0, 10), asOf) > 10;
}

/**
 * The demo users' own: an open blocker in 王磊's town (on its other project when that one can still
 * be held up), one of 德城区's towns escalated to 李娜's district, and one escalated on to 张伟's city.
 */
function pinnedPicks(projects: readonly DemoProject[], asOf: string): Choice[] {
  const townCode = devUser('town-officer')!.tenantCode;
  const countyCode = devUser('county-leader')!.tenantCode;
  const active = projects
    .filter((p) => canBeHeldUp(p, BlockerType.FUNDING) && registeredLongEnough(p, asOf))
    .sort((a, b) => Number(a.isFeatured) - Number(b.isFeatured) || a.id.localeCompare(b.id));
  const own = active.find((p) => p.owner.code === townCode);
  const countyTowns = active.filter((p) => p.owner.code.startsWith(countyCode) && p.owner.code !== countyCode && p.owner.code !== townCode);
  return [
    ...(own ? [{ project: own, type: BlockerType.FUNDING, course: 'OPEN' as const }] : []),
    ...countyTowns.slice(0, 1).map((project) => ({ project, type: BlockerType.FUNDING, course: 'TO_COUNTY' as const })),
    ...countyTowns.slice(1, 2).map((project) => ({ project, type: BlockerType.LAND_ACQUISITION, course: 'TO_CITY' as const })),
  ];
}

/** The choice with its words; a type that does not fit the work (能耗 for a road) becomes a funding problem, which fits anything. */
function fitting(rng: Random, choice: Choice, places: DemoPlaces): Choice & { issue: Issue } {
  const { project } = choice;
  const government = project.owner.level === TenantLevel.TOWN ? (places.countyOf(project.owner) ?? places.city) : project.owner;
  const town =
    project.owner.level === TenantLevel.TOWN ? project.owner : project.location?.level === TenantLevel.TOWN ? project.location : undefined;
  const issue = ISSUES[choice.type](rng, { project, government, town });
  if (issue) return { ...choice, issue };
  return { ...choice, type: BlockerType.FUNDING, issue: ISSUES[BlockerType.FUNDING](rng, { project, government, town })! };
}

function write(
  rng: Random,
  choice: Choice & { issue: Issue },
  places: DemoPlaces,
  officers: DemoOfficers,
  asOf: string,
  result: DemoBlockers,
): void {
  const { project, course, issue } = choice;
  const raiser = project.officer;
  const county = places.countyOf(project.owner);
  const level = project.owner.level;
  // Escalation goes one level up at a time: a town's to its county, then the city; a county's to the city.
  const firstUp = level === TenantLevel.TOWN ? county : level === TenantLevel.COUNTY ? places.city : undefined;
  const secondUp = level === TenantLevel.TOWN ? places.city : undefined;
  let effective = course;
  if (course === 'TO_COUNTY' && !firstUp) effective = 'WORKING';
  if (course === 'TO_CITY' && !secondUp) effective = firstUp ? 'TO_COUNTY' : 'WORKING';

  // Never raised before the project was registered here.
  const registeredDaysAgo = daysBetween(project.createdAt.toISOString().slice(0, 10), asOf) - 1;
  // Open ones were raised in the last four months; the ledger keeps the year's closed ones too.
  const raisedDaysAgo = Math.max(8, Math.min(registeredDaysAgo, rng.int(8, effective === 'CLOSED' ? 330 : 120)));
  const later = (from: number, share: number) => Math.max(1, Math.round(from * share));
  const handler = (tenant: DemoTenant | undefined) => (tenant ? officers.reviewerAt(tenant) : raiser);
  const levelWord =
    level === TenantLevel.TOWN ? (isSubdistrict(project.owner) ? '街道层面' : '镇级层面') : `${shortNameOf(project.owner)}层面`;

  const steps: Step[] = [{ kind: BlockerEventKind.RAISED, daysAgo: raisedDaysAgo, by: raiser }];
  const started = later(raisedDaysAgo, 0.85);
  switch (effective) {
    case 'OPEN':
      break;
    case 'WORKING':
      steps.push({ kind: BlockerEventKind.STARTED, daysAgo: started, by: raiser });
      break;
    case 'TO_COUNTY':
      steps.push({ kind: BlockerEventKind.STARTED, daysAgo: started, by: raiser });
      steps.push({
        kind: BlockerEventKind.ESCALATED,
        daysAgo: later(raisedDaysAgo, 0.6),
        by: raiser,
        note: `${levelWord}难以协调解决，提请${firstUp!.name}领导协调`,
        toTenantCode: firstUp!.code,
      });
      break;
    case 'TO_CITY':
      steps.push({
        kind: BlockerEventKind.ESCALATED,
        daysAgo: later(raisedDaysAgo, 0.8),
        by: raiser,
        note: `${levelWord}难以协调解决，提请${firstUp!.name}领导协调`,
        toTenantCode: firstUp!.code,
      });
      steps.push({ kind: BlockerEventKind.STARTED, daysAgo: later(raisedDaysAgo, 0.7), by: handler(firstUp) });
      steps.push({
        kind: BlockerEventKind.ESCALATED,
        daysAgo: later(raisedDaysAgo, 0.3),
        by: handler(firstUp),
        note: '涉及跨区县统筹，提请市领导协调',
        toTenantCode: secondUp!.code,
      });
      break;
    case 'RESOLVED':
    case 'CLOSED': {
      steps.push({ kind: BlockerEventKind.STARTED, daysAgo: started, by: raiser });
      const resolved = later(raisedDaysAgo, rng.float(0.1, 0.4));
      steps.push({ kind: BlockerEventKind.RESOLVED, daysAgo: resolved, by: raiser, note: issue.resolution });
      if (effective === 'CLOSED' && resolved > 1)
        steps.push({
          kind: BlockerEventKind.CLOSED,
          daysAgo: Math.max(1, resolved - rng.int(1, 5)),
          by: raiser,
          note: '问题已解决，同意销号',
        });
      break;
    }
  }
  // Days strictly decrease, so the events keep their order (a blocker is raised a week or more ago).
  for (let i = 1; i < steps.length; i++) steps[i]!.daysAgo = Math.max(1, Math.min(steps[i]!.daysAgo, steps[i - 1]!.daysAgo - 1));

  const id = rng.uuid();
  let status = BlockerStatus.OPEN;
  let escalatedTo: string | undefined;
  let escalationReason: string | undefined;
  let resolution: Pick<Blocker, 'resolution' | 'resolvedAt' | 'resolvedBy' | 'resolvedByName'> | undefined;
  let closedAt: Date | undefined;
  const at = (daysAgo: number, seq: number) => chinaInstant(addDays(asOf, -daysAgo), 9 * 60 + 30 + seq * 7);
  steps.forEach((step, i) => {
    const seq = i + 1;
    let from: string | undefined;
    switch (step.kind) {
      case BlockerEventKind.STARTED:
        status = BlockerStatus.IN_PROGRESS;
        break;
      case BlockerEventKind.ESCALATED:
        from = escalatedTo ?? project.owner.code;
        escalatedTo = step.toTenantCode;
        escalationReason = step.note;
        break;
      case BlockerEventKind.RESOLVED:
        status = BlockerStatus.RESOLVED;
        resolution = {
          resolution: step.note,
          resolvedAt: at(step.daysAgo, seq),
          resolvedBy: step.by.subject,
          resolvedByName: step.by.name,
        };
        break;
      case BlockerEventKind.CLOSED:
        status = BlockerStatus.CLOSED;
        closedAt = at(step.daysAgo, seq);
        break;
      default:
        break;
    }
    result.events.push({
      id: rng.uuid(),
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
  const last = steps[steps.length - 1]!;
  // The deadline follows the raising by two to eight weeks: open ones raised long ago are overdue.
  const deadlineOn = addDays(asOf, -raisedDaysAgo + rng.int(14, 56));
  result.blockers.push({
    id,
    project: project.id,
    type: choice.type,
    description: issue.description,
    responsibleUnit: issue.unit,
    deadlineOn,
    status,
    raisedBy: raiser.subject,
    raisedByName: raiser.name,
    raisedByTenantCode: raiser.tenantCode,
    raisedAt: at(steps[0]!.daysAgo, 1),
    escalatedTo,
    escalationReason,
    ...resolution,
    closedAt,
    version: steps.length,
    updatedAt: at(last.daysAgo, steps.length),
  });
}
