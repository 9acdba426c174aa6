import { LightColor } from '../rollup/traffic-light';
import { ApprovalState } from './approval.enums';

/** What the light of one approval reads: its state and dates, and its kind's rule. */
export interface LightInputs {
  readonly state: ApprovalState;
  readonly submittedOn?: string | null;
  readonly approvedOn?: string | null;
  readonly plannedOn?: string | null;
  readonly timeLimitDays: number;
  readonly warningDays: number;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The approval light (审批信号灯, seed 003) of one approval on a day, by its city's rule: red when
 * it is overdue (its planned date 计划办结 passed, or more days than the time limit 办理时限 since
 * submission), yellow within the warning days of either, green otherwise and once approved or not
 * needed. On the day's state: approved or submitted only from their dates. kp_approval_items
 * counts the same rule in the database for the figures.
 */
export function approvalLight(item: LightInputs, asOf: string): LightColor {
  if (item.state === ApprovalState.NOT_NEEDED) return LightColor.GREEN;
  if (item.approvedOn && item.approvedOn <= asOf) return LightColor.GREEN;
  const submitted = Boolean(item.submittedOn && item.submittedOn <= asOf);
  const elapsed = submitted ? daysFrom(item.submittedOn!, asOf) : undefined;
  const toPlanned = item.plannedOn ? daysFrom(asOf, item.plannedOn) : undefined;
  if ((toPlanned !== undefined && toPlanned < 0) || (elapsed !== undefined && elapsed > item.timeLimitDays)) return LightColor.RED;
  if (
    (toPlanned !== undefined && toPlanned < item.warningDays) ||
    (elapsed !== undefined && elapsed > item.timeLimitDays - item.warningDays)
  ) {
    return LightColor.YELLOW;
  }
  return LightColor.GREEN;
}

/** An office's light (per 审批部门): red with any overdue approval, yellow with any warned, green otherwise. */
export function officeLight(overdueCount: number, warnedCount: number): LightColor {
  if (overdueCount > 0) return LightColor.RED;
  return warnedCount > 0 ? LightColor.YELLOW : LightColor.GREEN;
}
