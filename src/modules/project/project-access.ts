import type { Context } from '../../context';
import { forbidden, notFound } from '../../errors/app-error';
import type { Project } from './project.entity';

/**
 * The service layer's half of project authorization (row-level security is the other, independent
 * half). A project the viewer may not read answers NOT_FOUND, so nobody learns it exists; one they
 * read but may not change answers FORBIDDEN.
 */
export class ProjectAccess {
  constructor(private readonly ctx: Context) {}

  private async ownerPath(project: Project): Promise<string> {
    const owner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    if (!owner) throw notFound('Project', project.id);
    return owner.path;
  }

  async isAssigned(project: Project): Promise<boolean> {
    return (await this.ctx.loaders.assignment.mine()).has(project.id);
  }

  /** Where the project is built, when a location below the owner is given. */
  private async locationPath(project: Project): Promise<string | undefined> {
    return project.location ? (await this.ctx.loaders.tenant.byCode.load(project.location.code))?.path : undefined;
  }

  /** Its owner's subtree, the subtree it is built in (read-only, 属地), and its active assignees read it. */
  async canRead(project: Project): Promise<boolean> {
    return (
      this.ctx.access.readsProjectAt(await this.ownerPath(project), await this.locationPath(project)) || (await this.isAssigned(project))
    );
  }

  async requireRead(project: Project): Promise<void> {
    if (!(await this.canRead(project))) throw notFound('Project', project.id);
  }

  /** Edit the project itself: its owner's managers only. */
  async requireManage(project: Project): Promise<void> {
    await this.requireRead(project);
    if (!this.ctx.access.managesProjectsAt(await this.ownerPath(project))) {
      throw forbidden({ zh: '只有项目所属区划的管理人员可以修改此项目', en: "only the owning tenant's officers may change this project" });
    }
  }

  /** Report progress and keep milestones: the owner's managers and anyone actively assigned. */
  async requireActOn(project: Project): Promise<void> {
    await this.requireRead(project);
    if (this.ctx.access.managesProjectsAt(await this.ownerPath(project)) || (await this.isAssigned(project))) return;
    throw forbidden({
      zh: '只有项目所属区划的管理人员和本项目的包抓责任人可以办理此事项',
      en: "only the owning tenant's officers and those assigned to the project may act on it",
    });
  }

  async requireAssign(project: Project): Promise<void> {
    await this.requireRead(project);
    if (!this.ctx.access.assignsLeadersAt(await this.ownerPath(project))) {
      throw forbidden({
        zh: '只有项目所属区划或其上级的市、县领导（或管理员）可以为本项目指定包抓责任',
        en: 'only city and county leaders (or administrators) above the project may assign to it',
      });
    }
  }
}
