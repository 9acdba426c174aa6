import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer';
import { manyPerKey } from '../../db/batch';
import { ProjectAssignment } from './assignment.entity';

export function createAssignmentLoaders(em: EntityManager, viewer: Viewer) {
  let mine: Promise<Map<string, ProjectAssignment[]>> | undefined;
  return {
    byProject: new DataLoader<string, ProjectAssignment[]>(async (ids) => {
      const assignments = await em.find(ProjectAssignment, { project: { $in: [...ids] } }, { orderBy: { assignedAt: 'asc', id: 'asc' } });
      return manyPerKey(ids, assignments, (a) => a.project.id);
    }),
    /** The viewer's active assignments by project id: read once per request, used by every check. */
    mine(): Promise<Map<string, ProjectAssignment[]>> {
      mine ??= em.find(ProjectAssignment, { subject: viewer.subject, endedAt: null }).then((assignments) => {
        const byProject = new Map<string, ProjectAssignment[]>();
        for (const a of assignments) byProject.set(a.project.id, [...(byProject.get(a.project.id) ?? []), a]);
        return byProject;
      });
      return mine;
    },
    /** Forget the cached list after the viewer's own assignments change within the request. */
    forgetMine(): void {
      mine = undefined;
    },
  };
}

export type AssignmentLoaders = ReturnType<typeof createAssignmentLoaders>;
