import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { linkExpiresAt } from '../../exports/download-link';
import { Milestone } from '../milestone/milestone.entity';
import { ProgressReport } from '../progress-report/progress-report.entity';
import { Project } from '../project/project.entity';
import { PHOTO_LINK_SECONDS, signPhotoLink, type PhotoVariant } from './photo-link';
import { PHOTO_FILE_PATH } from './photo-paths';
import { SitePhoto } from './site-photo.entity';
import { AttachSitePhotoInput } from './site-photo.inputs';
import { photoTakenBeforePeriod, takenBeforePeriodReason } from './site-photo-period';
import { SitePhotoService } from './site-photo.service';

@Resolver(() => SitePhoto)
export class SitePhotoResolver {
  @Query(() => SitePhoto, {
    description: 'A site photo (形象进度照片) by id: readable as its report or milestone is, or by its uploader before it is attached.',
  })
  sitePhoto(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new SitePhotoService(ctx).get(id);
  }

  @Mutation(() => SitePhoto, {
    description:
      'Attaches a photo uploaded with POST /photos (its `uploadId`) to a monthly report or a milestone, with a caption. Allowed to ' +
      "whoever may report on the project (its owner's officers, those assigned to it); CONFLICT for an approved (locked) report or " +
      'an upload already attached. Uploads left unattached are removed after a day.',
  })
  attachSitePhoto(@Arg('input') input: AttachSitePhotoInput, @Ctx() ctx: Context) {
    return new SitePhotoService(ctx).attach(input);
  }

  @Mutation(() => ID, {
    description:
      'Deletes a site photo (the audit trail keeps its record; the image leaves the store after the commit); returns its id. ' +
      'Allowed to whoever may attach it; CONFLICT while its report is approved (locked).',
  })
  deleteSitePhoto(
    @Arg('id', () => ID, { description: 'Id of the photo.' }) id: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version last read: CONFLICT if it changed since.' })
    version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return new SitePhotoService(ctx).remove(id, version);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where it was taken (拍摄地点) in words, e.g. 北纬37.4512°，东经116.3021°; null without GPS.',
  })
  takenPlace(@Root() photo: SitePhoto, @Ctx() ctx: Context): string | null {
    if (photo.latitude === undefined || photo.latitude === null || photo.longitude === undefined || photo.longitude === null) return null;
    const lat = Number(photo.latitude);
    const long = Number(photo.longitude);
    const [ns, ew] = ctx.language === 'zh' ? [lat >= 0 ? '北纬' : '南纬', long >= 0 ? '东经' : '西经'] : ['', ''];
    if (ctx.language === 'zh') return `${ns}${Math.abs(lat).toFixed(4)}°，${ew}${Math.abs(long).toFixed(4)}°`;
    return `${Math.abs(lat).toFixed(4)}°${lat >= 0 ? 'N' : 'S'}, ${Math.abs(long).toFixed(4)}°${long >= 0 ? 'E' : 'W'}`;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Flagged (疑似非本期照片): taken before the month preceding its report’s month (for a milestone, the month it was added), ' +
      'so it may not show the site as it is now. False without a capture time.',
  })
  isTakenBeforePeriod(@Root() photo: SitePhoto): boolean {
    return photoTakenBeforePeriod(photo.takenAt, photo.period);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it is flagged, in words; null when it is not.' })
  takenBeforePeriodReason(@Root() photo: SitePhoto, @Ctx() ctx: Context): string | null {
    return (
      takenBeforePeriodReason(photo.takenAt, photo.period, photo.report !== undefined && photo.report !== null)?.[ctx.language] ?? null
    );
  }

  @FieldResolver(() => String, {
    description:
      'Link to the image (JPEG, upright, no metadata), good for 10 minutes and for this viewer only: usable as <img src> without a ' +
      'header. Ask again for a fresh one.',
  })
  imageUrl(@Root() photo: SitePhoto, @Ctx() ctx: Context): Promise<string> {
    return linkOf(photo, 'image', ctx);
  }

  @FieldResolver(() => String, { description: 'Link to the thumbnail (JPEG, at most 320 px a side), as `imageUrl`.' })
  thumbnailUrl(@Root() photo: SitePhoto, @Ctx() ctx: Context): Promise<string> {
    return linkOf(photo, 'thumbnail', ctx);
  }

  @FieldResolver(() => Date, { description: 'When `imageUrl` and `thumbnailUrl` stop working.' })
  urlsExpireAt(@Ctx() ctx: Context): Date {
    return linkExpiresAt(ctx.viewer, PHOTO_LINK_SECONDS);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project it shows; null before it is attached.' })
  project(@Root() photo: SitePhoto, @Ctx() ctx: Context) {
    return photo.project ? ctx.loaders.project.byId.load(photo.project.id) : null;
  }

  @FieldResolver(() => ProgressReport, { nullable: true, description: 'The monthly report it shows; null for a milestone’s.' })
  report(@Root() photo: SitePhoto, @Ctx() ctx: Context) {
    return photo.report ? ctx.loaders.progressReport.byId.load(photo.report.id) : null;
  }

  @FieldResolver(() => Milestone, { nullable: true, description: 'The milestone it shows; null for a report’s.' })
  milestone(@Root() photo: SitePhoto, @Ctx() ctx: Context) {
    return photo.milestone ? ctx.loaders.photo.milestoneById.load(photo.milestone.id) : null;
  }
}

async function linkOf(photo: SitePhoto, variant: PhotoVariant, ctx: Context): Promise<string> {
  const token = signPhotoLink(await ctx.loaders.photo.signingKey(), {
    viewer: ctx.viewer,
    photoId: photo.id,
    variant,
    expiresAt: linkExpiresAt(ctx.viewer, PHOTO_LINK_SECONDS),
  });
  return `${PHOTO_FILE_PATH}/${token}`;
}

@Resolver(() => ProgressReport)
export class ProgressReportPhotoResolver {
  @FieldResolver(() => [SitePhoto], { description: 'Photos of the site (形象进度照片) for the month, in the order they were added.' })
  photos(@Root() report: ProgressReport, @Ctx() ctx: Context) {
    return ctx.loaders.photo.byReport.load(report.id);
  }
}

@Resolver(() => Milestone)
export class MilestonePhotoResolver {
  @FieldResolver(() => [SitePhoto], { description: 'Photos of the site showing the milestone, in the order they were added.' })
  photos(@Root() milestone: Milestone, @Ctx() ctx: Context) {
    return ctx.loaders.photo.byMilestone.load(milestone.id);
  }
}
