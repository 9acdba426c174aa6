import { chinaDate, Period } from '../../calendar/period';
import type { Message } from '../../language/message';

/**
 * The month a photo is judged against: it may have been taken in that month or the one before (a
 * report filed early in a month shows the end of the last), not earlier. One taken before that is
 * flagged (疑似非本期照片): an office reading the report asks whether the site still looks so.
 */
export function photoTakenBeforePeriod(takenAt: Date | undefined, period: string | undefined): boolean {
  if (!takenAt || !period) return false;
  const earliest = Period.ofDate(period).plusMonths(-1).firstDay;
  return chinaDate(takenAt) < earliest;
}

/** Why a photo is flagged, in the office's words; undefined when it is not. */
export function takenBeforePeriodReason(takenAt: Date | undefined, period: string | undefined, onReport: boolean): Message | undefined {
  if (!photoTakenBeforePeriod(takenAt, period)) return undefined;
  const taken = chinaDate(takenAt);
  const [y, m, d] = taken.split('-').map(Number) as [number, number, number];
  const month = Period.ofDate(period!);
  const whose = onReport ? { zh: '月报所属月份', en: "the report's month" } : { zh: '添加照片的月份', en: 'the month it was added' };
  return {
    zh: `拍摄于${y}年${m}月${d}日，早于${whose.zh}（${month.year}年${month.month}月）的上月，可能不是本期现场照片`,
    en: `taken on ${taken}, before the month preceding ${whose.en} (${month}): it may not show the site as it is now`,
  };
}
