import type { HousekeepingJob } from '../../housekeeping/housekeeping-job';

/**
 * The slots connections write rollup sums to: 1 to this, the modulus in src/db/sql/rollups/kp_rollup_slot.sql
 * (tests/modules/rollup/rollup-slots.test.ts fails when the two differ).
 */
export const ROLLUP_SLOTS = 16;

/**
 * Folds the rollup sums that writers spread over slots back into one row per key (slot 0), so reads
 * sum about one row per figure however many connections wrote. One slot per statement (its own
 * short transaction): a slot in use by a writer is skipped until the next round, and a writer of a
 * slot being folded waits only for that slot's fold.
 */
export const compactRollups: HousekeepingJob = {
  name: 'compact rollup slots',
  run: async (em) => {
    for (let slot = 1; slot <= ROLLUP_SLOTS; slot += 1) await em.execute('select kp_compact_rollup_slot(?::smallint)', [slot]);
  },
};
