/**
 * Reporting periods are calendar months and the year is the calendar year, read in China
 * Standard Time (UTC+8, no daylight saving): a report filed at 07:30 on 1 November in Beijing
 * belongs to November even though it is still 31 October in UTC.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Years the product accepts anywhere: enough for any project, small enough to exclude typos. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The business date (YYYY-MM-DD) in China at the given instant. */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < FIRST_YEAR || y > LAST_YEAR) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A calendar month, written `YYYY-MM`. Immutable. */
export class Period {
  private constructor(
    readonly year: number,
    /** 1-12 */
    readonly month: number,
  ) {}

  static of(year: number, month: number): Period {
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR || !Number.isInteger(month) || month < 1 || month > 12) {
      throw new RangeError(`not a period: ${year}-${month}`);
    }
    return new Period(year, month);
  }

  /** Returns undefined for anything but `YYYY-MM` with a month from 01 to 12. */
  static parse(text: string): Period | undefined {
    const match = PERIOD_PATTERN.exec(text);
    if (!match) return undefined;
    const year = Number(match[1]);
    return year >= FIRST_YEAR && year <= LAST_YEAR ? new Period(year, Number(match[2])) : undefined;
  }

  /** The period containing a `YYYY-MM-DD` date. */
  static ofDate(date: string): Period {
    return Period.of(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  }

  static current(at: Date = new Date()): Period {
    return Period.ofDate(chinaDate(at));
  }

  /** First day of the month: how a period is stored (a `date` column sorts and indexes well). */
  get firstDay(): string {
    return `${this.year}-${pad(this.month)}-01`;
  }

  get lastDay(): string {
    return `${this.year}-${pad(this.month)}-${pad(daysInMonth(this.year, this.month))}`;
  }

  plusMonths(count: number): Period {
    const index = this.year * 12 + (this.month - 1) + count;
    return Period.of(Math.floor(index / 12), (index % 12) + 1);
  }

  compare(other: Period): number {
    return this.year * 12 + this.month - (other.year * 12 + other.month);
  }

  equals(other: Period): boolean {
    return this.compare(other) === 0;
  }

  /** The month as officials write it (2026年10月), in text of any language: notes, descriptions. */
  get chineseName(): string {
    return `${this.year}年${this.month}月`;
  }

  toString(): string {
    return `${this.year}-${pad(this.month)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
