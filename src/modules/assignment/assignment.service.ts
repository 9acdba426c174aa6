import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { conflict, notFound } from '../../errors/app-error';
import { emptyText, fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import { ProjectAssignment } from './assignment.entity';
import type { AssignLeaderInput } from './assignment.inputs';

/** The assignee's name column (project_assignment.name). */
const MAX_NAME_LENGTH = 100;

export class AssignmentService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  async assign(input: AssignLeaderInput): Promise<ProjectAssignment> {
    const project = await this.projects.get(input.projectId);
    await this.projects.access.requireAssign(project);
    const problems = new InputProblems();
    // Keycloak's user ids are UUIDs and tokens carry them in lower case; rights are matched on it exactly.
    const subject = cleanText(input.subject)?.toLowerCase();
    const name = cleanText(input.name);
    problems.require(subject !== undefined && isUuid(subject), 'input.subject', {
      zh: '包抓人用户 ID 须为被包抓人的 Keycloak 用户 ID，即一个 UUID，例如 7d3c1a52-0b1e-4c51-9a41-100000000004',
      en: "subject must be the assignee's Keycloak user id, a UUID such as 7d3c1a52-0b1e-4c51-9a41-100000000004",
    });
    const nameLabel = fieldLabel('包抓领导或责任单位名称', 'input.name');
    problems.require(name !== undefined, 'input.name', emptyText(nameLabel));
    problems.require((name ?? '').length <= MAX_NAME_LENGTH, 'input.name', textTooLong(nameLabel, MAX_NAME_LENGTH));
    const startedOn = input.startedOn ?? chinaDate();
    problems.require(startedOn <= chinaDate(), 'input.startedOn', {
      zh: '包抓责任的开始日期不能晚于今天',
      en: 'an assignment cannot start in the future',
    });
    problems.throwIfAny();
    const active = await this.ctx.em.count(ProjectAssignment, {
      project: project.id,
      subject: subject!,
      kind: input.kind,
      endedAt: null,
    });
    if (active > 0) {
      const kind = ENUM_LABELS.AssignmentKind[input.kind];
      throw conflict(
        { zh: `${name}已是本项目的${kind.zh}`, en: `${name} is already assigned to this project as ${input.kind}` },
        { field: 'input.subject' },
      );
    }
    const assignment = await this.ctx.em.transactional(async (em) =>
      em.create(ProjectAssignment, {
        project: project.id,
        owner: project.owner.code,
        subject: subject!,
        name: name!,
        kind: input.kind,
        startedOn,
        assignedBy: this.ctx.viewer.subject,
        assignedByName: this.ctx.viewer.name,
      }),
    );
    this.forget(project.id);
    return assignment;
  }

  /** Ends an assignment: the rights it gave end at once; the record stays. */
  async unassign(id: string): Promise<ProjectAssignment> {
    const assignment = isUuid(id) ? await this.ctx.em.findOne(ProjectAssignment, { id }) : null;
    if (!assignment) throw notFound('ProjectAssignment', id);
    const project = await this.projects.getParentOf(assignment.project.id, 'ProjectAssignment', id);
    await this.projects.access.requireAssign(project);
    if (assignment.endedAt) throw conflict({ zh: '该包抓责任已经结束', en: 'the assignment has already ended' }, { field: 'id' });
    await this.ctx.em.transactional(async (em) => {
      const managed = em.merge(assignment);
      managed.endedAt = new Date();
      managed.endedBy = this.ctx.viewer.subject;
      managed.endedByName = this.ctx.viewer.name;
    });
    this.forget(project.id);
    return assignment;
  }

  /** Projects the viewer is actively assigned to, by name. */
  async myProjects(): Promise<Project[]> {
    const ids = [...(await this.ctx.loaders.assignment.mine()).keys()];
    if (ids.length === 0) return [];
    return this.ctx.em.find(Project, { id: { $in: ids } }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  private forget(projectId: string): void {
    this.ctx.loaders.assignment.byProject.clear(projectId);
    this.ctx.loaders.assignment.forgetMine();
  }
}
