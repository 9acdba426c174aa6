import { chinaDate } from '../../calendar/period';
import type { HousekeepingJob } from '../../housekeeping/housekeeping-job';

/**
 * Escalates, once, each order that fell overdue (past its deadline, not closed) one level above
 * its addressee (town → county → city), with the step in its history and an ORDER_ESCALATED live
 * event with no actor (the calendar did it). The kernel schedules it (src/housekeeping/) and
 * delivers what it wrote to the outbox right after (src/realtime/).
 */
export const escalateOverdueOrders: HousekeepingJob = {
  name: 'escalate overdue supervision orders',
  run: async (em) => void (await em.execute('select kp_escalate_overdue_orders(?::date)', [chinaDate()])),
};
