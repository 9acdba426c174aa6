import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { signingKeyOf } from '../../exports/download-link-key';
import { Milestone } from '../milestone/milestone.entity';
import { SitePhoto } from './site-photo.entity';

/** Photos in the order they were attached (then by id): the order the office added them. */
const ATTACHED_ORDER = { attachedAt: 'asc', id: 'asc' } as const;

/** Per-request batch loaders of site photos. */
export function createPhotoLoaders(em: EntityManager) {
  let key: Promise<Buffer> | undefined;
  return {
    byId: new DataLoader<string, SitePhoto | undefined>(async (ids) =>
      onePerKey(ids, await em.find(SitePhoto, { id: { $in: [...ids] } }), (p) => p.id),
    ),
    /** A report's photos: one statement for every report of a page. */
    byReport: new DataLoader<string, SitePhoto[]>(async (ids) => {
      const photos = await em.find(SitePhoto, { report: { $in: [...ids] } }, { orderBy: ATTACHED_ORDER });
      return manyPerKey(ids, photos, (p) => p.report!.id);
    }),
    byMilestone: new DataLoader<string, SitePhoto[]>(async (ids) => {
      const photos = await em.find(SitePhoto, { milestone: { $in: [...ids] } }, { orderBy: ATTACHED_ORDER });
      return manyPerKey(ids, photos, (p) => p.milestone!.id);
    }),
    /** The milestones photos show (the milestone module loads them by project only). */
    milestoneById: new DataLoader<string, Milestone | undefined>(async (ids) =>
      onePerKey(ids, await em.find(Milestone, { id: { $in: [...ids] } }), (m) => m.id),
    ),
    /** The download links' key, read once per request however many photo links it signs. */
    signingKey: (): Promise<Buffer> => (key ??= signingKeyOf(em)),
  };
}

export type PhotoLoaders = ReturnType<typeof createPhotoLoaders>;
