import { badUserInput } from '../errors/app-error';
import { fieldLabel, fieldProblem } from '../errors/input-problems';
import type { Message } from '../language/message';
import { chinaDate, Period } from './period';
import { Quarter } from './quarter';

/**
 * The calendar the API accepts in input. Key-project lists are tracked from 2000 (nothing older
 * is reported here); plans, deadlines and planned dates reach at most to 2100. Anything outside is
 * a typo or a probe, refused as BAD_USER_INPUT before it reaches a query (where a year such as
 * 2147483647 would not even make a period).
 */
export const FIRST_INPUT_YEAR = 2000;
export const LAST_INPUT_YEAR = 2100;

const FIRST_DATE = `${FIRST_INPUT_YEAR}-01-01`;
const LAST_DATE = `${LAST_INPUT_YEAR}-12-31`;

/** A `LocalDate` argument outside 2000-01-01 .. 2100-12-31 (the scalar has checked the format). */
export function dateRangeProblem(date: string): Message | undefined {
  if (date >= FIRST_DATE && date <= LAST_DATE) return undefined;
  return {
    zh: `须为 ${FIRST_DATE} 至 ${LAST_DATE} 之间的日期，实际为 ${date}`,
    en: `must be a date from ${FIRST_DATE} to ${LAST_DATE}; got ${date}`,
  };
}

/**
 * A `Period` argument outside 2000-01 .. the current month (China time). Every period the API
 * takes names a month whose figures or report exist: a month still to come has none yet.
 */
export function periodRangeProblem(period: Period, now: Date = new Date()): Message | undefined {
  const current = Period.current(now);
  const range = {
    zh: `须为 ${FIRST_INPUT_YEAR}-01 至本月（${current.toString()}）之间的月份`,
    en: `must be a month from ${FIRST_INPUT_YEAR}-01 to the current month, ${current.toString()}`,
  };
  if (period.year < FIRST_INPUT_YEAR)
    return { zh: `${range.zh}，实际为 ${period.toString()}`, en: `${range.en}; got ${period.toString()}` };
  if (period.compare(current) > 0)
    return { zh: `${range.zh}；${period.toString()} 尚未开始`, en: `${range.en}; ${period.toString()} has not begun` };
  return undefined;
}

/** What a year argument may reach: the current year (figures, reports) or the planning horizon (plans, lists). */
export type YearReach = 'current' | 'planning';

/** A year argument outside 2000 .. the current year (China time), or .. 2100 where plans look ahead. */
export function yearRangeProblem(year: number, reach: YearReach, now: Date = new Date()): Message | undefined {
  const last = reach === 'current' ? Number(chinaDate(now).slice(0, 4)) : LAST_INPUT_YEAR;
  if (Number.isInteger(year) && year >= FIRST_INPUT_YEAR && year <= last) return undefined;
  return reach === 'current'
    ? {
        zh: `须为 ${FIRST_INPUT_YEAR} 至今年（${last}）之间的年份，实际为 ${year}`,
        en: `must be from ${FIRST_INPUT_YEAR} to the current year, ${last}; got ${year}`,
      }
    : {
        zh: `须为 ${FIRST_INPUT_YEAR} 至 ${last} 之间的年份，实际为 ${year}`,
        en: `must be from ${FIRST_INPUT_YEAR} to ${last}; got ${year}`,
      };
}

/** The year, or BAD_USER_INPUT naming `field` when it is out of reach. */
export function checkedYear(year: number, field: string, reach: YearReach): number {
  const problem = yearRangeProblem(year, reach);
  if (problem) throw badUserInput(field, fieldProblem(fieldLabel('年份', field), problem));
  return year;
}

/** A `Quarter` argument before 2000 or not begun yet (China time): a quarter to come has no figures. */
export function quarterRangeProblem(quarter: Quarter, now: Date = new Date()): Message | undefined {
  const current = Quarter.containing(Period.current(now));
  const range = {
    zh: `须为 ${FIRST_INPUT_YEAR}Q1 至本季度（${current.toString()}）之间的季度`,
    en: `must be a quarter from ${FIRST_INPUT_YEAR}Q1 to the current quarter, ${current.toString()}`,
  };
  if (quarter.year < FIRST_INPUT_YEAR)
    return { zh: `${range.zh}，实际为 ${quarter.toString()}`, en: `${range.en}; got ${quarter.toString()}` };
  if (quarter.isAfter(Period.current(now)))
    return { zh: `${range.zh}；${quarter.toString()} 尚未开始`, en: `${range.en}; ${quarter.toString()} has not begun` };
  return undefined;
}
