import type { HousekeepingJob } from '../../housekeeping/housekeeping-job';
import { takeOffQueue } from './discard-queue';
import type { PhotoStore } from './photo-store';

/** An upload not attached within this long is taken for abandoned (the form closed, the browser gone). */
export const UNATTACHED_UPLOAD_HOURS = 24;
/** Objects removed per round: a burst (a project deleted with its photos) drains over a few minutes. */
const OBJECTS_PER_ROUND = 500;

/**
 * Keeps the photo store in step with the table: deletes uploads never attached within a day, then
 * removes from the store the objects whose rows are gone (site_photo_discard, filled by trigger
 * whatever deleted them: deleteSitePhoto, a deleted milestone or project, this job) and only then
 * takes them off the queue, so a store that fails keeps them queued for the next round. Each
 * replica runs it: removing an object twice is no error.
 */
export function photoHousekeeping(store: PhotoStore): HousekeepingJob {
  return {
    name: 'remove discarded site photos',
    run: async (em) => {
      const staleBefore = new Date(Date.now() - UNATTACHED_UPLOAD_HOURS * 3600 * 1000);
      await em.execute('select kp_stale_photo_uploads(?::timestamptz)', [staleBefore.toISOString()]);
      const rows = await em.execute<{ key: string }[]>('select kp_discarded_photo_objects(?) as key', [OBJECTS_PER_ROUND]);
      const keys = rows.map((row) => row.key);
      if (keys.length === 0) return;
      await store.remove(keys);
      await takeOffQueue(em, keys);
    },
  };
}
