import { FIRST_YEAR, LAST_YEAR, Period } from './period';

const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/**
 * A calendar quarter (季度), written `2026Q3`: the period of a quarterly evaluation (季度评比).
 * Its months are periods; the figures of a quarter are those of its last month (year-to-date
 * figures already hold the quarter's work), or of the running month while the quarter runs.
 */
export class Quarter {
  private constructor(
    readonly year: number,
    /** 1-4 */
    readonly quarter: number,
  ) {}

  static of(year: number, quarter: number): Quarter {
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
      throw new RangeError(`not a quarter: ${year}Q${quarter}`);
    }
    return new Quarter(year, quarter);
  }

  /** Returns undefined for anything but `YYYYQn` with n from 1 to 4. */
  static parse(text: string): Quarter | undefined {
    const match = QUARTER_PATTERN.exec(text);
    if (!match) return undefined;
    const year = Number(match[1]);
    return year >= FIRST_YEAR && year <= LAST_YEAR ? new Quarter(year, Number(match[2])) : undefined;
  }

  static containing(period: Period): Quarter {
    return Quarter.of(period.year, Math.ceil(period.month / 3));
  }

  get firstMonth(): Period {
    return Period.of(this.year, this.quarter * 3 - 2);
  }

  get lastMonth(): Period {
    return Period.of(this.year, this.quarter * 3);
  }

  previous(): Quarter {
    return this.quarter === 1 ? Quarter.of(this.year - 1, 4) : Quarter.of(this.year, this.quarter - 1);
  }

  /**
   * The month whose figures stand for the quarter on a day: its last month once that has begun,
   * else the running month (a quarter in progress is measured to today, as the rollups are).
   */
  measuredMonth(current: Period): Period {
    return this.lastMonth.compare(current) <= 0 ? this.lastMonth : current;
  }

  /** Not begun yet on a day whose month is `current`. */
  isAfter(current: Period): boolean {
    return this.firstMonth.compare(current) > 0;
  }

  /** As officials write it: 2026年第三季度. */
  get chineseName(): string {
    return `${this.year}年第${'一二三四'[this.quarter - 1]}季度`;
  }

  equals(other: Quarter): boolean {
    return this.year === other.year && this.quarter === other.quarter;
  }

  toString(): string {
    return `${this.year}Q${this.quarter}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
