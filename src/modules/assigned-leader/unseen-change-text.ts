import type { Message } from '../../language/message';
import { Period } from '../../calendar/period';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import type { BlockerType } from '../blocker/blocker.enums';
import type { ProjectStage } from '../project/project.enums';
import type { UnseenChangeRow } from './unseen-change.types';

const stage = (value: string | null | undefined): Message =>
  ENUM_LABELS.ProjectStage[value as ProjectStage] ?? { zh: value ?? '', en: value ?? '' };
const blockerType = (value: string | null | undefined): Message =>
  ENUM_LABELS.BlockerType[value as BlockerType] ?? { zh: value ?? '', en: value ?? '' };

/** "2026-10" as an official writes it: 2026年10月. */
const monthZh = (period: string | null | undefined) => (period ? (Period.parse(period)?.chineseName ?? period) : '');

/**
 * A change as a leader reads it in a list (自上次查看以来), in the API's labels: who did what to
 * which record. The project is named beside it, not in it.
 */
export function describeUnseenChange(row: UnseenChangeRow): Message {
  const d = row.detail;
  const who = row.actor_name ?? '';
  switch (row.kind) {
    case 'REPORT_SUBMITTED':
      return {
        zh: `${who} 报送了${monthZh(d['period'])}进度（当月完成投资 ${d['amount']} 万元）`,
        en: `${who} submitted the ${d['period']} progress report (${d['amount']} 10k CNY completed)`,
      };
    case 'REPORT_APPROVED':
      return { zh: `${who} 审核通过了${monthZh(d['period'])}月报`, en: `${who} approved the ${d['period']} report` };
    case 'REPORT_RETURNED':
      return {
        zh: `${who} 退回了${monthZh(d['period'])}月报：${d['reason'] ?? ''}`,
        en: `${who} returned the ${d['period']} report: ${d['reason'] ?? ''}`,
      };
    case 'STAGE_CHANGED':
      return {
        zh: `建设阶段由“${stage(d['from']).zh}”变为“${stage(d['to']).zh}”（${d['on']}），${who} 登记`,
        en: `stage changed from ${stage(d['from']).en} to ${stage(d['to']).en} on ${d['on']}, recorded by ${who}`,
      };
    case 'BLOCKER_RAISED':
      return {
        zh: `${who} 提出${blockerType(d['type']).zh}问题：${d['description']}`,
        en: `${who} raised a ${blockerType(d['type']).en} blocker: ${d['description']}`,
      };
    case 'BLOCKER_ESCALATED':
      return {
        zh: `${blockerType(d['type']).zh}问题提请${d['to'] ?? '上级'}协调：${d['description']}`,
        en: `a ${blockerType(d['type']).en} blocker was escalated to ${d['to'] ?? 'the level above'}: ${d['description']}`,
      };
    case 'BLOCKER_RESOLVED':
      return {
        zh: `${who} 办结了${blockerType(d['type']).zh}问题：${d['note'] ?? d['description']}`,
        en: `${who} resolved a ${blockerType(d['type']).en} blocker: ${d['note'] ?? d['description']}`,
      };
    case 'BLOCKER_CLOSED':
      return {
        zh: `${blockerType(d['type']).zh}问题已确认销号：${d['description']}`,
        en: `a ${blockerType(d['type']).en} blocker was closed: ${d['description']}`,
      };
    case 'BLOCKER_REOPENED':
      return {
        zh: `${blockerType(d['type']).zh}问题退回重办：${d['note'] ?? d['description']}`,
        en: `a ${blockerType(d['type']).en} blocker was reopened: ${d['note'] ?? d['description']}`,
      };
    default:
      return {
        zh: `节点“${d['title']}”已逾期（应于 ${d['dueOn']} 完成）`,
        en: `milestone "${d['title']}" is overdue (due ${d['dueOn']})`,
      };
  }
}
