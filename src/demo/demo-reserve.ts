import type { RequiredEntityData } from '@mikro-orm/core';
import { ReserveMaturity, ReserveStatus } from '../modules/reserve/reserve.enums';
import type { ReserveProject } from '../modules/reserve/reserve-project.entity';
import type { DemoOfficers } from './demo-officers';
import type { DemoPlaces, DemoTenant } from './demo-places';
import { addDays, labelOf, laterOf, officeTime, type Random, shareOf, wanText } from './demo-primitives';
import type { DemoProject } from './demo-project';
import { planWork } from './demo-works';

/**
 * The reserve pool (储备库) as a county's 发改局 keeps it: each tenant holds a few projects being
 * planned for this year and the next, most still ideas or in feasibility, some with approvals under
 * way or ready; a few dropped during the year with the reason an office writes. This year's new
 * projects came out of the pool (promoted when they were registered), so about one pooled
 * project in eight reaches a list within the year (转化率), the rest waiting for next year's.
 */
export interface ReserveCalendar {
  asOf: string;
  year: number;
  cutoff: Date;
}

const DROP_REASONS = [
  '投资方调整投资计划，项目暂缓实施',
  '项目选址与国土空间规划不符，调出储备库',
  '资金来源未落实，暂不具备实施条件',
  '与已入库项目内容重复，合并入库',
  '用地指标无法落实，项目终止',
] as const;

const MATURITY_WEIGHTS: readonly (readonly [ReserveMaturity, number])[] = [
  [ReserveMaturity.CONCEPT, 4],
  [ReserveMaturity.FEASIBILITY_DONE, 3],
  [ReserveMaturity.APPROVALS_UNDER_WAY, 2],
  [ReserveMaturity.READY_TO_START, 1],
];

export function demoReserve(
  rng: Random,
  projects: readonly DemoProject[],
  places: DemoPlaces,
  officers: DemoOfficers,
  calendar: ReserveCalendar,
): RequiredEntityData<ReserveProject>[] {
  const rows: RequiredEntityData<ReserveProject>[] = [];
  const names = new Set(projects.map((p) => p.name));
  const yearStart = `${calendar.year}-01-01`;
  const entry = (owner: DemoTenant, at: Date) => {
    const officer = officers.of(owner);
    return {
      owner: owner.code,
      createdAt: at,
      updatedAt: at,
      createdBy: officer.subject,
      createdByName: officer.name,
      updatedBy: officer.subject,
      updatedByName: officer.name,
    };
  };

  // The registrations since last autumn's list-making came through the pool: promoted the day they were registered.
  const listMaking = `${calendar.year - 1}-10-01`;
  projects
    .filter((p) => p.createdAt.toISOString().slice(0, 10) >= listMaking && rng.fork(labelOf(p.id)).chance(0.9))
    .forEach((p) => {
      const own = rng.fork(labelOf(p.id) + 1);
      const promotedOn = p.createdAt.toISOString().slice(0, 10);
      const pooledOn = addDays(promotedOn, -own.int(60, 400));
      rows.push({
        ...entry(p.owner, officeTime(own, pooledOn, calendar.cutoff)),
        id: own.uuid(),
        name: p.name,
        category: p.category,
        estimatedInvestmentWan: wanText(shareOf(p.total, own.float(0.85, 1.1))),
        intendedYear: promotedOn >= yearStart ? calendar.year : calendar.year - 1,
        maturity: own.chance(0.7) ? ReserveMaturity.READY_TO_START : ReserveMaturity.APPROVALS_UNDER_WAY,
        promotingUnit: p.ownerUnit,
        pooledOn,
        status: ReserveStatus.PROMOTED,
        closedOn: promotedOn,
        promotedYear: promotedOn >= yearStart ? calendar.year : calendar.year - 1,
        project: p.id,
        updatedAt: p.createdAt,
      });
    });

  // What is still being planned, and what fell out of the pool this year.
  const holders: DemoTenant[] = [places.city, ...places.counties(), ...places.counties().flatMap((c) => places.townsOf(c))];
  holders.forEach((owner, i) => {
    const own = rng.fork(90_000 + i);
    const count = owner.code === places.city.code ? own.int(5, 8) : places.townsOf(owner).length > 0 ? own.int(3, 6) : own.int(0, 1);
    for (let n = 0; n < count; n += 1) {
      const work = planWork(own, owner, places);
      if (names.has(work.name)) continue;
      names.add(work.name);
      const pooledOn = own.date(`${calendar.year - 1}-03-01`, addDays(calendar.asOf, -7));
      const dropped = own.chance(0.12) && pooledOn < addDays(calendar.asOf, -60);
      const closedOn = dropped ? own.date(laterOf(addDays(pooledOn, 30), yearStart), addDays(calendar.asOf, -1)) : undefined;
      rows.push({
        ...entry(owner, officeTime(own, closedOn ?? pooledOn, calendar.cutoff)),
        id: own.uuid(),
        name: work.name,
        constructionContent: work.constructionContent,
        category: work.category,
        estimatedInvestmentWan: wanText(work.total),
        intendedYear: own.chance(0.3) ? calendar.year : calendar.year + 1,
        maturity: own.weighted(MATURITY_WEIGHTS),
        promotingUnit: work.ownerUnit,
        pooledOn,
        status: dropped ? ReserveStatus.DROPPED : ReserveStatus.POOLED,
        closedOn,
        dropReason: dropped ? own.pick(DROP_REASONS) : undefined,
      });
    }
  });
  return rows;
}
