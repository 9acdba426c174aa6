import { createHash } from 'node:crypto';
import type { RequiredEntityData } from '@mikro-orm/core';
import { devUser } from '../auth/dev-users';
import type { ProjectAssignment } from '../modules/assignment/assignment.entity';
import { AssignmentKind } from '../modules/assignment/assignment.enums';
import { isStarted } from '../modules/project/project.enums';
import type { DemoProject } from './demo-project';
import { chinaInstant } from './demo-primitives';

/** A uuid drawn from a name, so the same demo gets the same ids every time. */
function nameUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Works a housing and urban-rural development bureau (住建局) answers for. */
const URBAN_WORKS = new Set(['UTILITY', 'BUILDING', 'ROAD']);

/**
 * Gives the demo's leader (包抓领导) and responsible unit something to act on, so that `myProjects`
 * and their rights show on first start: the city's ten largest started projects go to the leader,
 * and so do the two largest of the demo town's (新湖街道, where the town officer works): a city
 * leader is commonly put in charge of a town's flagship works, and the town's monthly reports and
 * blockers then reach the leader's 我的项目 page; five of 德城区's urban works (by name) go to the
 * district's housing bureau.
 */
export function demoAssignments(projects: readonly DemoProject[], asOf: string): RequiredEntityData<ProjectAssignment>[] {
  const leader = devUser('project-leader')!;
  const unit = devUser('responsible-unit')!;
  const assigner = devUser('city-leader')!;
  const town = devUser('town-officer')!;
  const startedOn = `${asOf.slice(0, 4)}-01-01`;
  const row = (project: DemoProject, who: typeof leader, kind: AssignmentKind): RequiredEntityData<ProjectAssignment> => ({
    id: nameUuid(`${project.id}:${who.subject}:${kind}`),
    project: project.id,
    owner: project.owner.code,
    subject: who.subject,
    name: who.name,
    kind,
    startedOn,
    assignedAt: chinaInstant(startedOn, 9 * 60),
    assignedBy: assigner.subject,
    assignedByName: assigner.name,
  });
  const largestStarted = [...projects]
    .filter((p) => isStarted(p.stage))
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id))
    .slice(0, 10);
  const townFlagships = [...projects]
    .filter((p) => p.owner.code === town.tenantCode && !largestStarted.includes(p))
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id))
    .slice(0, 2);
  const decheng = projects
    .filter((p) => p.owner.code.startsWith(unit.tenantCode))
    .sort(
      (a, b) =>
        Number(URBAN_WORKS.has(b.kind)) - Number(URBAN_WORKS.has(a.kind)) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    )
    .slice(0, 5);
  return [
    ...[...largestStarted, ...townFlagships].map((p) => row(p, leader, AssignmentKind.LEAD_LEADER)),
    ...decheng.map((p) => row(p, unit, AssignmentKind.RESPONSIBLE_UNIT)),
  ];
}
