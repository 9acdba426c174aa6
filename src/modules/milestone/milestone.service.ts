import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { conflict, notFound } from '../../errors/app-error';
import { emptyText, fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { ProjectService } from '../project/project.service';
import { cleanText } from '../project/project-rules';
import { Milestone } from './milestone.entity';
import type { AddMilestoneInput, CompleteMilestoneInput, UpdateMilestoneInput } from './milestone.inputs';

const MAX_TITLE_LENGTH = 200;

const TITLE = fieldLabel('节点内容', 'input.title');

function checkTitle(title: string | undefined, problems: InputProblems): void {
  problems.require(title !== undefined, 'input.title', emptyText(TITLE));
  problems.require((title ?? '').length <= MAX_TITLE_LENGTH, 'input.title', textTooLong(TITLE, MAX_TITLE_LENGTH));
}

export class MilestoneService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  /** A milestone the viewer may act on (its project's managers and assignees). */
  async get(id: string): Promise<Milestone> {
    const milestone = isUuid(id) ? await this.ctx.em.findOne(Milestone, { id }) : null;
    if (!milestone) throw notFound('Milestone', id);
    const project = await this.projects.getParentOf(milestone.project.id, 'Milestone', id);
    await this.projects.access.requireActOn(project);
    return milestone;
  }

  async add(input: AddMilestoneInput): Promise<Milestone> {
    const project = await this.projects.getToActOn(input.projectId);
    const problems = new InputProblems();
    const title = cleanText(input.title);
    checkTitle(title, problems);
    problems.throwIfAny();
    const milestone = await this.ctx.em.transactional(async (em) =>
      em.create(Milestone, { project: project.id, title: title!, dueOn: input.dueOn, note: cleanText(input.note) }),
    );
    this.ctx.loaders.milestone.byProject.clear(project.id);
    return milestone;
  }

  async update(input: UpdateMilestoneInput): Promise<Milestone> {
    const milestone = await this.get(input.id);
    expectVersion('milestone', milestone, input.version);
    const problems = new InputProblems();
    const title = input.title === undefined || input.title === null ? milestone.title : cleanText(input.title);
    checkTitle(title, problems);
    problems.throwIfAny();
    await this.ctx.em.transactional(async (em) => {
      const managed = em.merge(milestone);
      managed.title = title!;
      if (input.dueOn) managed.dueOn = input.dueOn;
      if (input.note !== undefined) managed.note = cleanText(input.note);
    });
    this.ctx.loaders.milestone.byProject.clear(milestone.project.id);
    return milestone;
  }

  async complete(input: CompleteMilestoneInput): Promise<Milestone> {
    const milestone = await this.get(input.id);
    expectVersion('milestone', milestone, input.version);
    if (milestone.doneOn) {
      throw conflict(
        { zh: `该节点已于 ${milestone.doneOn} 完成`, en: `the milestone was already done on ${milestone.doneOn}` },
        { field: 'input.id' },
      );
    }
    const doneOn = input.doneOn ?? chinaDate();
    const problems = new InputProblems();
    problems.require(doneOn <= chinaDate(), 'input.doneOn', {
      zh: '节点的完成日期不能晚于今天',
      en: 'a milestone cannot be done in the future',
    });
    problems.throwIfAny();
    await this.ctx.em.transactional(async (em) => {
      em.merge(milestone).doneOn = doneOn;
    });
    this.ctx.loaders.milestone.byProject.clear(milestone.project.id);
    return milestone;
  }

  async reopen(id: string, version?: number | null): Promise<Milestone> {
    const milestone = await this.get(id);
    expectVersion('milestone', milestone, version, 'version');
    if (!milestone.doneOn) throw conflict({ zh: '该节点尚未完成', en: 'the milestone is not done' }, { field: 'id' });
    await this.ctx.em.transactional(async (em) => {
      em.merge(milestone).doneOn = undefined;
    });
    this.ctx.loaders.milestone.byProject.clear(milestone.project.id);
    return milestone;
  }

  async remove(id: string, version?: number | null): Promise<string> {
    const milestone = await this.get(id);
    expectVersion('milestone', milestone, version, 'version');
    await this.ctx.em.transactional(async (em) => em.remove(em.merge(milestone)));
    this.ctx.loaders.milestone.byProject.clear(milestone.project.id);
    return id;
  }
}
