import { chinaDate, Period } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { conflict, notFound } from '../../errors/app-error';
import { withCallerFields } from '../../errors/caller-fields';
import { fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { Milestone } from '../milestone/milestone.entity';
import { ProgressReport } from '../progress-report/progress-report.entity';
import { ProgressReportService } from '../progress-report/progress-report.service';
import { ReportStatus } from '../progress-report/report-status';
import type { Project } from '../project/project.entity';
import { cleanText } from '../project/project-rules';
import { ProjectService } from '../project/project.service';
import { inUnitOfWork } from '../unit-of-work';
import type { PreparedPhoto } from './photo-image';
import { SitePhoto } from './site-photo.entity';
import type { AttachSitePhotoInput } from './site-photo.inputs';
import { uploadData, type StoredObjects } from './stored-photo';
import { takeOffQueue } from './discard-queue';

const CAPTION_LIMIT = 200;
const CAPTION = fieldLabel('照片说明', 'caption');

/**
 * Site photos (形象进度照片). An upload (the route, POST /photos) is its uploader's alone until
 * attached to a monthly report or a milestone; from then it is the project's, read by whoever
 * reads the report and attached or deleted by whoever may report on the project (its owner's
 * officers and those assigned to it), as the reports themselves. An approved report is locked, its
 * photos with it. Deleting a row queues its objects for the store (site_photo_discard, by trigger):
 * housekeeping removes them after the commit, so a rolled-back delete loses no image.
 */
export class SitePhotoService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  /** A photo the viewer reads (its report's or milestone's project), or their own upload; NOT_FOUND otherwise. */
  async get(id: string): Promise<SitePhoto> {
    const photo = isUuid(id) ? await this.ctx.loaders.photo.byId.load(id) : undefined;
    if (!photo) throw notFound('SitePhoto', id);
    if (!photo.project) {
      if (photo.uploadedBy !== this.ctx.viewer.subject) throw notFound('SitePhoto', id);
      return photo;
    }
    await this.projects.getParentOf(photo.project.id, 'SitePhoto', id);
    return photo;
  }

  /**
   * Records an upload whose objects are stored: no project yet, visible to its uploader only. In the
   * row's transaction its objects leave the removal queue they were put on before being stored.
   */
  async recordUpload(id: string, prepared: PreparedPhoto, stored: StoredObjects): Promise<SitePhoto> {
    return this.ctx.em.transactional(async (em) => {
      await takeOffQueue(em, [stored.objectKey, stored.thumbnailKey]);
      return em.create(SitePhoto, uploadData(id, prepared, stored, this.ctx.viewer));
    });
  }

  async attach(input: AttachSitePhotoInput): Promise<SitePhoto> {
    const problems = new InputProblems();
    const caption = cleanText(input.caption);
    problems.require((caption ?? '').length <= CAPTION_LIMIT, 'input.caption', textTooLong(CAPTION, CAPTION_LIMIT));
    const targets = [input.reportId, input.milestoneId].filter((id) => id !== undefined && id !== null);
    problems.require(targets.length === 1, 'input.reportId', {
      zh: '请指定照片所属的月报或节点（二者选一）',
      en: 'name the report (reportId) or the milestone (milestoneId) the photo is for, one of them',
    });
    problems.throwIfAny();
    const upload = await this.uploadToAttach(input.uploadId);
    const target = input.reportId ? await this.reportToAttachTo(input.reportId) : await this.milestoneToAttachTo(input.milestoneId!);
    await inUnitOfWork(this.ctx, async (tx) => {
      const managed = tx.em.merge(upload);
      managed.project = target.project;
      managed.report = target.report;
      managed.milestone = target.milestone;
      managed.period = target.period;
      managed.caption = caption;
      managed.attachedAt = new Date();
      managed.attachedBy = this.ctx.viewer.subject;
      managed.attachedByName = this.ctx.viewer.name;
    });
    this.forget(upload);
    return upload;
  }

  /** Deletes a photo (audited); its objects leave the store after the commit (housekeeping). Returns its id. */
  async remove(id: string, version?: number | null): Promise<string> {
    const photo = await this.get(id);
    if (!photo.project) throw notFound('SitePhoto', id);
    await this.projects.getToActOn(photo.project.id);
    expectVersion('sitePhoto', photo, version, 'version');
    if (photo.report) this.requireOpen(await this.ctx.em.findOneOrFail(ProgressReport, photo.report.id), 'id');
    await this.ctx.em.transactional(async (em) => em.remove(em.merge(photo)));
    this.forget(photo);
    return id;
  }

  /** The viewer's own upload, not yet attached; NOT_FOUND for anyone else's, CONFLICT once attached. */
  private async uploadToAttach(uploadId: string): Promise<SitePhoto> {
    const mine = await withCallerFields({ '*': 'input.uploadId' }, () => this.get(uploadId));
    if (mine.project) {
      throw conflict(
        {
          zh: '该照片已添加到月报或节点，不能重复添加：请重新上传',
          en: 'the photo is already attached; upload it again to attach it elsewhere',
        },
        { field: 'input.uploadId' },
      );
    }
    return mine;
  }

  private async reportToAttachTo(reportId: string): Promise<AttachTarget> {
    const report = await withCallerFields({ '*': 'input.reportId' }, async () => {
      const found = await new ProgressReportService(this.ctx).get(reportId);
      await this.projects.getToActOn(found.project.id);
      return found;
    });
    this.requireOpen(report, 'input.reportId');
    return { project: report.project, report, milestone: undefined, period: report.period };
  }

  private async milestoneToAttachTo(milestoneId: string): Promise<AttachTarget> {
    const milestone = await withCallerFields({ '*': 'input.milestoneId' }, async () => {
      const found = isUuid(milestoneId) ? await this.ctx.em.findOne(Milestone, { id: milestoneId }) : null;
      if (!found) throw notFound('Milestone', milestoneId);
      await this.projects.getParentOf(found.project.id, 'Milestone', milestoneId);
      await this.projects.getToActOn(found.project.id);
      return found;
    });
    return { project: milestone.project, report: undefined, milestone, period: Period.ofDate(chinaDate()).firstDay };
  }

  /** An approved report is locked (as correctProgressReport says): its photos neither come nor go until it is returned. */
  private requireOpen(report: ProgressReport, field: string): void {
    if (report.status !== ReportStatus.APPROVED) return;
    throw conflict(
      {
        zh: '月报已审核通过并锁定：须先由审核人退回，才能添加或删除照片',
        en: 'the report is approved and locked: the reviewer returns it before photos are added or removed',
      },
      { field },
    );
  }

  private forget(photo: SitePhoto): void {
    this.ctx.loaders.photo.byId.clear(photo.id);
    if (photo.report) this.ctx.loaders.photo.byReport.clear(photo.report.id);
    if (photo.milestone) this.ctx.loaders.photo.byMilestone.clear(photo.milestone.id);
  }
}

interface AttachTarget {
  readonly project: Project;
  readonly report: ProgressReport | undefined;
  readonly milestone: Milestone | undefined;
  readonly period: string;
}
