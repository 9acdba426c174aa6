import type { Context } from '../../context';
import { badUserInput } from '../../errors/app-error';
import { SeenMark } from './seen-mark.entity';

/** A mark may run ahead of the server's clock by this much (a desk's clock, a page read a moment ago). */
const CLOCK_SKEW_MS = 60_000;

export class SeenMarkService {
  constructor(private readonly ctx: Context) {}

  /** The viewer's own mark; row-level security gives no other. */
  async mine(): Promise<SeenMark | null> {
    return this.ctx.em.findOne(SeenMark, { subject: this.ctx.viewer.subject });
  }

  /**
   * Marks what the viewer has seen, up to `through` (the newest change the page showed) or now.
   * Idempotent, and never backwards: marking again, or with an older moment (a second desk still
   * showing an older page), leaves a later mark as it is. One upsert, so two desks marking at once
   * cannot collide on the key.
   */
  async mark(through: Date | undefined): Promise<SeenMark> {
    const now = new Date();
    if (through && through.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw badUserInput('through', { zh: '“已读至”的时间不能晚于当前时间', en: 'through cannot be in the future' });
    }
    const [row] = await this.ctx.em.execute<{ seen_at: Date; marked_at: Date }[]>(
      `insert into seen_mark (subject, seen_at, marked_at) values (?, ?, ?)
       on conflict (subject) do update set seen_at = greatest(seen_mark.seen_at, excluded.seen_at), marked_at = excluded.marked_at
       returning seen_at, marked_at`,
      [this.ctx.viewer.subject, through ?? now, now],
    );
    return Object.assign(new SeenMark(), {
      subject: this.ctx.viewer.subject,
      seenAt: new Date(row!.seen_at),
      markedAt: new Date(row!.marked_at),
    });
  }
}
