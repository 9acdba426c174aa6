import { Period } from '../calendar/period';

/**
 * The demo generator's building blocks: seeded randomness, day arithmetic on `YYYY-MM-DD` strings
 * and exact money. Nothing here reads the clock or `Math.random`, so the same seed and the same
 * "as of" date give the same bytes.
 */

// ---------------------------------------------------------------------------------------------
// Randomness

/** Mixes a seed and a label into a new 32-bit seed (murmur3's finaliser). */
function mix(seed: number, label: number): number {
  let h = (seed ^ Math.imul(label >>> 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * mulberry32: tiny, fast and good enough for test data. `fork(label)` derives an independent stream
 * from the seed alone (not from how far this stream has run), so one project's draws never shift
 * another's when the generator changes.
 */
export class Random {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  fork(label: number): Random {
    return new Random(mix(this.seed, label));
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  date(from: string, to: string): string {
    return dateOfDay(this.int(dayNumber(from), Math.max(dayNumber(from), dayNumber(to))));
  }

  /** A version-4-shaped UUID drawn from this stream (not from the system's randomness). */
  uuid(): string {
    const hex = [this.uint32(), this.uint32(), this.uint32(), this.uint32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Days

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Same day of the month `months` later, or the month's last day when it is shorter. */
export function addMonths(date: string, months: number): string {
  const period = Period.ofDate(date).plusMonths(months);
  const day = Math.min(Number(date.slice(8, 10)), Number(period.lastDay.slice(8, 10)));
  return `${period.firstDay.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

export function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}

/** The instant of a wall-clock time on a date in China (UTC+8). */
export function chinaInstant(date: string, minuteOfDay: number): Date {
  return new Date(dayNumber(date) * DAY_MS + minuteOfDay * 60_000 - CHINA_OFFSET_MS);
}

/** A wall-clock time in office hours on the date, never after `cutoff`. */
export function officeTime(rng: Random, date: string, cutoff: Date): Date {
  return earliest(chinaInstant(date, rng.int(8 * 60 + 30, 17 * 60 + 30)), cutoff);
}

export function latest(a: Date, b: Date): Date {
  return a > b ? a : b;
}

export function earliest(a: Date, b: Date): Date {
  return a < b ? a : b;
}

/** The months from `first` to `last`, both included. */
export function monthsFrom(first: Period, last: Period): Period[] {
  const months: Period[] = [];
  for (let p = first; p.compare(last) <= 0; p = p.plusMonths(1)) months.push(p);
  return months;
}

// ---------------------------------------------------------------------------------------------
// Money

/**
 * An amount in hundredths of a 万元 (100 元), always a safe integer: sums and splits are exact,
 * and the only conversion is to the decimal string the database stores.
 */
export type Hundredths = number;

export const ONE_WAN: Hundredths = 100;

export function wanText(amount: Hundredths): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount in hundredths: ${amount}`);
  const whole = Math.floor(amount / 100);
  const cents = amount % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** `amount × share`, rounded down to a multiple of `unit`. */
export function shareOf(amount: Hundredths, share: number, unit: Hundredths = ONE_WAN): Hundredths {
  return Math.max(0, Math.floor((amount * share) / unit) * unit);
}

/**
 * Splits `total` over the weights in multiples of `unit`; whatever does not fit the unit goes to the
 * last part, so the parts always add up to exactly `total`.
 */
export function splitAmount(total: Hundredths, weights: readonly number[], unit: Hundredths): Hundredths[] {
  if (weights.length === 0) return [];
  const units = Math.floor(total / unit);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const parts: Hundredths[] = [];
  let cumulativeWeight = 0;
  let given = 0;
  for (const weight of weights) {
    cumulativeWeight += weight;
    const upTo = weightSum > 0 ? Math.round((units * cumulativeWeight) / weightSum) : 0;
    parts.push((upTo - given) * unit);
    given = upTo;
  }
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + (units - given) * unit + (total - units * unit);
  return parts;
}

/** A stable label for a record's own random stream (`rng.fork(labelOf(id))`), from its uuid. */
export function labelOf(id: string): number {
  return parseInt(id.slice(0, 8), 16);
}
