import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import type { HousekeepingJob } from './housekeeping-job';

export interface HousekeepingOptions {
  /** How soon after start the jobs first run. */
  readonly firstRunMs: number;
  /** How often they run after that. */
  readonly everyMs: number;
  /** After each round: the composition root wakes the change relay, so what a job announced is delivered now, not at the next poll. */
  readonly afterRound?: () => Promise<void>;
}

/** Once a minute, as the change relay did when it ran these steps itself. */
export const HOUSEKEEPING_EVERY_MS = 60_000;

/**
 * Runs the housekeeping jobs of the kernel and of the modules, in the order given, on one timer
 * per process. A job that fails does not keep the others from running; it is tried again on the
 * next round.
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly jobs: readonly HousekeepingJob[],
    private readonly logger: Logger,
    private readonly options: HousekeepingOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstRunMs);
  }

  /** Stops the timer and waits for a round under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** Every job once, in order. */
  async runOnce(): Promise<void> {
    for (const job of this.jobs) {
      if (this.stopped) return;
      try {
        await job.run(this.orm.em.fork());
      } catch (error) {
        // An outage is logged by the change relay as it begins and as it ends: not a line per job and round.
        if (isDatabaseUnavailable(error)) this.logger.debug({ err: error, job: job.name }, 'housekeeping waits for the database');
        else this.logger.warn({ err: error, job: job.name }, `housekeeping job ${job.name} failed; retrying on the next round`);
      }
    }
    if (!this.stopped) await this.options.afterRound?.();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runOnce().finally(() => {
        this.round = undefined;
        this.schedule(this.options.everyMs);
      });
    }, delayMs);
    this.timer.unref();
  }
}
