import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { devUser } from '../auth/dev-users';
import { ApprovalKind } from '../modules/approval/approval-kind.entity';
import { ApprovalState } from '../modules/approval/approval.enums';
import { ProjectApproval } from '../modules/approval/project-approval.entity';
import { StartException } from '../modules/approval/start-exception.entity';
import { ProjectCategory, ProjectStage, stageRank } from '../modules/project/project.enums';
import { addDays, Random } from './demo-primitives';

/**
 * Preparatory approvals (前期手续) in the demo city. The city requires four of its list before a
 * start (立项/可研, 土地供应, 工程规划许可, 施工许可). Started projects obtained theirs in order in
 * the months before their start (two started on a leader's exception, 容缺开工, their construction
 * permit following); projects still preparing are part way down the list: approved, submitted (some
 * past the time limit), planned (some past the planned date), not recorded yet. A project whose
 * report waiting for review claims the start has what it needs, so the review can confirm it.
 * Offices: the city's bureaus for the city's projects, the county's (德城区行政审批服务局,
 * 德州市生态环境局德城分局 ...) for the counties' and towns'.
 */
const REQUIRED = ['PROJECT_APPROVAL', 'LAND_SUPPLY', 'ENGINEERING_PLANNING_PERMIT', 'CONSTRUCTION_PERMIT'];

/** The county-level office of each kind's city-level one (by the city office's suffix). */
const COUNTY_OFFICE: readonly [string, (county: string, city: string) => string][] = [
  ['行政审批服务局', (county) => `${county}行政审批服务局`],
  ['自然资源和规划局', (county) => `${county}自然资源局`],
  ['生态环境局', (county, city) => `${city}生态环境局${county.replace(/(区|县|市|新区)$/, '')}分局`],
];

/** The prefix of a grant's document number (批复文号) per kind, as the offices number them. */
const DOCUMENT_PREFIX: Record<string, string> = {
  PROJECT_APPROVAL: '审批投资',
  LAND_PRE_REVIEW: '自然资预审',
  LAND_SUPPLY: '自然资供',
  LAND_USE_PLANNING_PERMIT: '地字第',
  ENGINEERING_PLANNING_PERMIT: '建字第',
  ENVIRONMENTAL_IMPACT: '环审',
  ENERGY_ASSESSMENT: '审批能审',
  CONSTRUCTION_PERMIT: '施许',
};

const EXCEPTION_REASON = '经重点项目推进委员会研究同意，实行容缺受理、承诺制开工，施工许可于开工后30日内补齐';

interface ProjectRow {
  id: string;
  stage: ProjectStage;
  category: ProjectCategory;
  name: string;
  owner_path: string;
  county_name: string | null;
  started_on: string | null;
  claims_start: boolean;
}

/** Whether a project needs a kind at all (不涉及 otherwise): energy review for industry, land for new sites. */
function isNeeded(rng: Random, kind: ApprovalKind, project: ProjectRow): boolean {
  if (kind.code === 'ENERGY_ASSESSMENT') return project.category === ProjectCategory.INDUSTRIAL_UPGRADE || rng.chance(0.15);
  if (/改造|提升|修缮/.test(project.name) && kind.code.startsWith('LAND')) return false;
  return !(kind.code === 'LAND_PRE_REVIEW' && rng.chance(0.1));
}

export async function insertDemoApprovals(em: EntityManager, cityCode: string, asOf: string): Promise<number> {
  await em.nativeUpdate(ApprovalKind, { city: cityCode, code: { $in: REQUIRED } }, { isRequiredToStart: true });
  const kinds = await em.find(ApprovalKind, { city: cityCode }, { orderBy: { position: 'asc' } });
  const [city] = await em.execute<{ name: string }[]>('select name from tenant where code = ?', [cityCode]);
  const projects = await em.execute<ProjectRow[]>(
    `select p.id, p.stage, p.category, p.name, t.path::text as owner_path, c.name as county_name,
            (select min(s.changed_on)::text from project_stage_change s where s.project_id = p.id and s.to_stage >= 'STARTED') as started_on,
            exists (select 1 from progress_report r where r.project_id = p.id and r.status <> 'APPROVED'
                     and r.stage_at_month_end >= 'STARTED') and p.stage < 'STARTED' as claims_start
       from project p join tenant t on t.code = p.owner_tenant_code
       left join tenant c on c.level = 'COUNTY' and t.path <@ c.path
      where t.path <@ ?::ltree order by p.id`,
    [cityCode],
  );
  const leader = devUser('city-leader')!;
  const items: RequiredEntityData<ProjectApproval>[] = [];
  const exceptions: RequiredEntityData<StartException>[] = [];
  let exceptionsLeft = 2;
  for (const project of projects) {
    const rng = new Random(parseInt(project.id.slice(0, 8), 16));
    const officeOf = (kind: ApprovalKind) => {
      if (!project.county_name) return undefined;
      const match = COUNTY_OFFICE.find(([suffix]) => kind.office.endsWith(suffix));
      return match ? match[1](project.county_name, city!.name) : undefined;
    };
    const number = (kind: ApprovalKind, on: string) =>
      `${(project.county_name ?? city!.name).slice(0, 2)}${DOCUMENT_PREFIX[kind.code] ?? '审批'}〔${on.slice(0, 4)}〕${rng.int(3, 260)}号`;
    const needed = kinds.filter((k) => isNeeded(rng, k, project));
    for (const kind of kinds.filter((k) => !needed.includes(k))) {
      items.push({ project: project.id, kind: kind.id, state: ApprovalState.NOT_NEEDED });
    }
    const started = project.started_on !== null && stageRank(project.stage) >= stageRank(ProjectStage.STARTED);
    if (started || project.claims_start) {
      // Obtained in order before the start, the construction permit last; or by an exception.
      const startOn = project.started_on ?? asOf;
      const excepted = started && exceptionsLeft > 0 && rng.chance(0.05);
      if (excepted) {
        exceptionsLeft -= 1;
        exceptions.push({
          project: project.id,
          reason: EXCEPTION_REASON,
          recordedBySubject: leader.subject,
          recordedByName: leader.name,
          recordedAt: new Date(`${addDays(startOn, -3)}T10:00:00+08:00`),
        });
      }
      let on = addDays(startOn, -rng.int(150, 300));
      for (const kind of needed) {
        const submittedOn = on;
        const approvedOn = addDays(submittedOn, rng.int(Math.ceil(kind.timeLimitDays / 3), kind.timeLimitDays + 3));
        on = addDays(approvedOn, rng.int(3, 20));
        const late = kind.code === 'CONSTRUCTION_PERMIT' && excepted;
        const grantedOn = late ? addDays(startOn, rng.int(5, 25)) : approvedOn > startOn ? startOn : approvedOn;
        const office = officeOf(kind);
        if (grantedOn > asOf) {
          items.push({ project: project.id, kind: kind.id, state: ApprovalState.SUBMITTED, submittedOn: addDays(startOn, -2), office });
          continue;
        }
        const submitted = submittedOn > grantedOn ? grantedOn : submittedOn;
        items.push({
          project: project.id,
          kind: kind.id,
          state: ApprovalState.APPROVED,
          submittedOn: submitted,
          approvedOn: grantedOn,
          documentNumber: number(kind, grantedOn),
          office,
        });
      }
      continue;
    }
    if (project.stage === ProjectStage.PLANNED && rng.chance(0.7)) continue;
    // Part way down the list: approved, then one or two submitted, then planned, then nothing yet.
    const approvedCount = rng.int(0, Math.max(0, needed.length - 2));
    let on = addDays(asOf, -rng.int(120, 260));
    needed.forEach((kind, i) => {
      const office = officeOf(kind);
      if (i < approvedCount) {
        const approvedOn = addDays(on, rng.int(Math.ceil(kind.timeLimitDays / 3), kind.timeLimitDays));
        items.push({
          project: project.id,
          kind: kind.id,
          state: ApprovalState.APPROVED,
          submittedOn: on,
          approvedOn,
          documentNumber: number(kind, approvedOn),
          office,
        });
        on = addDays(approvedOn, rng.int(5, 25));
      } else if (i < approvedCount + rng.int(1, 2)) {
        // Submitted: most within the time limit, some past it (the red lights of the approval offices).
        const waited = rng.chance(0.25) ? kind.timeLimitDays + rng.int(3, 40) : rng.int(1, kind.timeLimitDays);
        items.push({ project: project.id, kind: kind.id, state: ApprovalState.SUBMITTED, submittedOn: addDays(asOf, -waited), office });
      } else if (i < approvedCount + 4) {
        const plannedOn = rng.chance(0.2) ? addDays(asOf, -rng.int(3, 45)) : addDays(asOf, rng.int(2, 120));
        items.push({ project: project.id, kind: kind.id, state: ApprovalState.NOT_STARTED, plannedOn, office });
      }
    });
  }
  // Ids from a stream of their own, so the same date gives the same rows.
  const ids = new Random(18);
  const rows = items.map((item) => ({ ...item, id: ids.uuid() }));
  for (let i = 0; i < rows.length; i += 1000) await em.insertMany(ProjectApproval, rows.slice(i, i + 1000));
  if (exceptions.length > 0)
    await em.insertMany(
      StartException,
      exceptions.map((exception) => ({ ...exception, id: ids.uuid() })),
    );
  return rows.length;
}
