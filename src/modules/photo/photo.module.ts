import type { DomainModule } from '../domain-module';
import { SitePhoto } from './site-photo.entity';
import { MilestonePhotoResolver, ProgressReportPhotoResolver, SitePhotoResolver } from './site-photo.resolver';

/**
 * Site photos (形象进度照片) on monthly reports and milestones. Its HTTP routes (upload, files) and
 * its housekeeping need the configured store, so the composition root (src/server.ts) mounts them
 * with the configuration: photoUploads, photoFiles, photoHousekeeping.
 */
export const photoModule: DomainModule = {
  name: 'photo',
  entities: [SitePhoto],
  resolvers: [SitePhotoResolver, ProgressReportPhotoResolver, MilestonePhotoResolver],
  auditedTables: ['site_photo'],
};
