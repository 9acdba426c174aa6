import type { Message } from '../language/message';

/**
 * What each kind of record is called, keyed by the name the API gives its type (the names of
 * `AuditedEntity`, whose labels these are, and of NOT_FOUND's `extensions.entity`).
 */
export const RECORD_NAMES = {
  Tenant: { zh: '行政区划', en: 'Tenant' },
  Project: { zh: '项目', en: 'Project' },
  AnnualPlan: { zh: '年度计划', en: 'Annual plan' },
  MonthlyTarget: { zh: '月度目标', en: 'Monthly target' },
  StageChange: { zh: '阶段变更记录', en: 'Stage change' },
  ProgressReport: { zh: '月度进度报告', en: 'Monthly progress report' },
  Milestone: { zh: '节点', en: 'Milestone' },
  ProjectAssignment: { zh: '包抓责任', en: 'Assignment' },
  Blocker: { zh: '要素制约问题', en: 'Blocker' },
  InvestmentLead: { zh: '招商线索', en: 'Investment lead' },
  ReserveProject: { zh: '储备项目', en: 'Reserve project' },
  ResponsibilityTarget: { zh: '目标责任书指标', en: 'Responsibility target' },
  ResponsibilityLetter: { zh: '目标责任书', en: 'Target-responsibility letter' },
  TrafficLightRules: { zh: '亮灯规则', en: 'Traffic-light rules' },
  ReportingRules: { zh: '报送规则', en: 'Reporting rules' },
  FundArrival: { zh: '资金到位记录', en: 'Funds arrival' },
  SupervisionOrder: { zh: '督办单', en: 'Supervision order' },
  AccountabilityOutcome: { zh: '问责记录', en: 'Accountability outcome' },
  BulletinRules: { zh: '通报规则', en: 'Bulletin rules' },
  BulletinPublication: { zh: '已印发通报', en: 'Published bulletin' },
  EvaluationScheme: { zh: '季度评比考核办法', en: 'Evaluation scheme' },
  EvaluationPublication: { zh: '季度评比发布结果', en: 'Published evaluation' },
  ApprovalKind: { zh: '前期手续事项', en: 'Approval kind' },
  ProjectApproval: { zh: '前期手续办理情况', en: 'Project approval' },
  StartException: { zh: '容缺开工登记', en: 'Start exception' },
  YearEndAssessment: { zh: '年终考核结果', en: 'Year-end assessment' },
  SitePhoto: { zh: '形象进度照片', en: 'Site photo' },
} as const satisfies Record<string, Message>;

export type RecordKind = keyof typeof RECORD_NAMES;
