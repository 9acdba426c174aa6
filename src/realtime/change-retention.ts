import type { HousekeepingJob } from '../housekeeping/housekeeping-job';

/**
 * Prunes the change outbox past its retention (LIVE_RETENTION_HOURS): a client resuming from an
 * older cursor gets CURSOR_EXPIRED and reloads.
 */
export function changeRetention(retentionHours: number): HousekeepingJob {
  return {
    name: 'prune change events',
    run: async (em) => void (await em.execute(`select kp_prune_change_events(make_interval(hours => ?))`, [retentionHours])),
  };
}
