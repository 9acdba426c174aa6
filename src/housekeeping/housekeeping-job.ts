import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A step that keeps the database in shape on a schedule, declared by whoever owns what it tends
 * (the outbox's retention by realtime/, idempotent answers by graphql/, overdue milestones by their
 * module) and run by the kernel's Housekeeping. Every replica runs every job: each must be
 * idempotent, and cheap when there is nothing to do.
 */
export interface HousekeepingJob {
  /** Names the job in logs. */
  readonly name: string;
  run(em: EntityManager): Promise<void>;
}
