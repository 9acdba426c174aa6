import { chinaDate } from '../../calendar/period';
import type { HousekeepingJob } from '../../housekeeping/housekeeping-job';

/**
 * Announces, once, each open milestone that fell overdue (MILESTONE_OVERDUE, with no actor: the
 * calendar did it), the day after its due date in China time. The kernel schedules it
 * (src/housekeeping/) and delivers what it wrote to the outbox right after (src/realtime/).
 */
export const announceOverdueMilestones: HousekeepingJob = {
  name: 'announce overdue milestones',
  run: async (em) => void (await em.execute('select kp_announce_overdue_milestones(?::date)', [chinaDate()])),
};
