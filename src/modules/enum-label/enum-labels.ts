import { RECORD_NAMES } from '../../errors/record-names';
import type { Message } from '../../language/message';
// Types only: no module is loaded for its labels, so any module may name its values by them.
import type { LeadStage } from '../attraction/attraction.enums';
import type { ApprovalState } from '../approval/approval.enums';
import type { AssignmentKind } from '../assignment/assignment.enums';
import type { AwardKind } from '../assessment/assessment.enums';
import type { AuditedEntity, AuditOperation } from '../audit/audit.types';
import type { BlockerEventKind, BlockerStatus, BlockerType } from '../blocker/blocker.enums';
import type { BlockerOrder } from '../blocker/blocker.inputs';
import type { BulletinEntryKind, BulletinListRule, BulletinSection } from '../bulletin/bulletin.types';
import type { EvaluationMeasure, ScoringMethod } from '../evaluation/evaluation.enums';
import type { FundingSource } from '../project/funding-source';
import type { ChangeKind } from '../live/change-kind';
import type { LateReportKind } from '../progress-report/report-timeliness';
import type { ReportStatus, ReviewAction } from '../progress-report/report-status';
import type { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage } from '../project/project.enums';
import type { ProjectOrder } from '../project/project.inputs';
import type { TenantBasis } from '../project/tenant-basis';
import type { ReserveMaturity, ReserveStatus } from '../reserve/reserve.enums';
import type { TargetMeasure } from '../target/target.enums';
import type { RankingMetric } from '../rollup/rollup.types';
import type { LightColor, LightRule } from '../rollup/traffic-light';
import type { AccountabilityMeasure } from '../supervision-order/accountability.enums';
import type { OrderEventKind, OrderStatus, OrderSubject } from '../supervision-order/supervision-order.enums';
import type { TenantKind, TenantLevel, TenantOrder } from '../tenant/tenant.enums';
// The exports' own enum (src/exports reads through the modules; its labels live here with every other).
import type { BulletinFileFormat } from '../../exports/bulletin-download.types';

/** A label for every value of an enum `E` (the TypeScript enum the GraphQL one is registered from). */
type LabelsOf<E> = { readonly [Value in keyof E]: Message };

/**
 * What people read for each value of every enum of the API: the Chinese label an official knows
 * it by, and an English one. The one source of these labels: the API serves them (`enumLabels`)
 * and messages name values by them. The compiler refuses an enum here without a label for each of
 * its values; tests/modules/enum-label.test.ts refuses an enum of the schema missing here.
 */
export const ENUM_LABELS = {
  TenantLevel: {
    CITY: { zh: '市级', en: 'City' },
    COUNTY: { zh: '县级', en: 'County level' },
    TOWN: { zh: '乡级', en: 'Town level' },
  } satisfies LabelsOf<typeof TenantLevel>,
  TenantKind: {
    CITY: { zh: '地级市', en: 'Prefecture-level city' },
    DISTRICT: { zh: '市辖区', en: 'District' },
    COUNTY: { zh: '县', en: 'County' },
    COUNTY_LEVEL_CITY: { zh: '县级市', en: 'County-level city' },
    DEVELOPMENT_ZONE: { zh: '开发区', en: 'Development zone' },
    SUBDISTRICT: { zh: '街道', en: 'Sub-district' },
    TOWN: { zh: '镇', en: 'Town' },
    TOWNSHIP: { zh: '乡', en: 'Township' },
    TOWN_LEVEL_UNIT: { zh: '乡级单位', en: 'Town-level unit' },
  } satisfies LabelsOf<typeof TenantKind>,
  TenantOrder: {
    CODE: { zh: '按区划代码', en: 'By division code' },
    NAME: { zh: '按名称拼音', en: 'By name (pinyin)' },
  } satisfies LabelsOf<typeof TenantOrder>,
  ProjectCategory: {
    KEY_PROVINCIAL_CITY: { zh: '省市重点项目', en: 'Provincial or city key project' },
    INDUSTRIAL_UPGRADE: { zh: '工业技改项目', en: 'Industrial upgrade' },
    TRANSPORT_INFRASTRUCTURE: { zh: '重大交通基础设施', en: 'Transport infrastructure' },
    URBAN_CONSTRUCTION: { zh: '城建项目', en: 'Urban construction' },
    SOCIAL_UNDERTAKING: { zh: '社会事业项目', en: 'Social undertaking' },
    INVESTMENT_ATTRACTION: { zh: '招商引资项目', en: 'Investment attraction' },
    OTHER: { zh: '其他', en: 'Other' },
  } satisfies LabelsOf<typeof ProjectCategory>,
  FundingSource: {
    CENTRAL_BUDGET: { zh: '中央预算内投资', en: 'Central budget investment' },
    ULTRA_LONG_TREASURY_BONDS: { zh: '超长期特别国债', en: 'Ultra-long special treasury bonds' },
    LOCAL_SPECIAL_BONDS: { zh: '地方政府专项债券', en: 'Local government special bonds' },
    LOCAL_FISCAL: { zh: '省市县财政资金', en: 'Local government budget funds' },
    BANK_LOANS: { zh: '银行贷款', en: 'Bank loans' },
    ENTERPRISE_OWN: { zh: '企业自筹', en: 'Own funds of the project unit' },
    FOREIGN_INVESTMENT: { zh: '利用外资', en: 'Foreign capital' },
    OTHER: { zh: '其他', en: 'Other' },
  } satisfies LabelsOf<typeof FundingSource>,
  ProjectNature: {
    NEW: { zh: '新开工', en: 'New start' },
    CONTINUING: { zh: '续建', en: 'Continuing' },
    PREPARATORY: { zh: '前期储备', en: 'Preparatory' },
  } satisfies LabelsOf<typeof ProjectNature>,
  ProjectStage: {
    PLANNED: { zh: '谋划储备', en: 'Planned' },
    PREPARATORY: { zh: '前期', en: 'Preparatory' },
    SIGNED: { zh: '签约', en: 'Signed' },
    STARTED: { zh: '开工', en: 'Started' },
    UNDER_CONSTRUCTION: { zh: '在建', en: 'Under construction' },
    COMPLETED: { zh: '竣工', en: 'Completed' },
    IN_OPERATION: { zh: '投产', en: 'In operation' },
    AT_DESIGN_CAPACITY: { zh: '达效', en: 'At design capacity' },
  } satisfies LabelsOf<typeof ProjectStage>,
  DesignationLevel: {
    NATIONAL: { zh: '国家重大项目', en: 'National major project' },
    PROVINCIAL: { zh: '省重点项目', en: 'Provincial key project' },
    CITY: { zh: '市重点项目', en: 'City key project' },
    COUNTY: { zh: '县重点项目', en: 'County key project' },
  } satisfies LabelsOf<typeof DesignationLevel>,
  ProjectOrder: {
    CREATED_AT_DESC: { zh: '按录入时间（最新在前）', en: 'Newest first' },
    NAME_ASC: { zh: '按名称拼音', en: 'By name (pinyin)' },
    TOTAL_INVESTMENT_DESC: { zh: '按总投资（最大在前）', en: 'Largest total investment first' },
  } satisfies LabelsOf<typeof ProjectOrder>,
  ReportStatus: {
    DRAFT: { zh: '草稿', en: 'Draft' },
    SUBMITTED: { zh: '已报送', en: 'Submitted' },
    RETURNED: { zh: '已退回', en: 'Returned' },
    RESUBMITTED: { zh: '重新报送', en: 'Resubmitted' },
    APPROVED: { zh: '审核通过', en: 'Approved' },
  } satisfies LabelsOf<typeof ReportStatus>,
  ReviewAction: {
    SUBMITTED: { zh: '报送', en: 'Submitted' },
    RETURNED: { zh: '退回', en: 'Returned' },
    RESUBMITTED: { zh: '重新报送', en: 'Resubmitted' },
    APPROVED: { zh: '审核通过', en: 'Approved' },
  } satisfies LabelsOf<typeof ReviewAction>,
  LateReportKind: {
    LATE: { zh: '逾期报送', en: 'Late' },
    MISSING: { zh: '过期未报', en: 'Missing' },
  } satisfies LabelsOf<typeof LateReportKind>,
  LightColor: {
    GREEN: { zh: '绿灯', en: 'Green' },
    YELLOW: { zh: '黄灯', en: 'Yellow' },
    RED: { zh: '红灯', en: 'Red' },
  } satisfies LabelsOf<typeof LightColor>,
  LightRule: {
    PROGRESS_GAP: { zh: '进度滞后', en: 'Progress behind time' },
    OVERDUE_MILESTONES: { zh: '节点逾期', en: 'Overdue milestones' },
    OPEN_BLOCKERS: { zh: '要素制约未解决', en: 'Open blockers' },
  } satisfies LabelsOf<typeof LightRule>,
  RankingMetric: {
    COMPLETION_RATE: { zh: '完成率', en: 'Completion rate' },
    PROGRESS_GAP: { zh: '时序进度差', en: 'Progress gap' },
    START_RATE: { zh: '开工率（已弃用，同新开工项目开工率）', en: 'Start rate (deprecated)' },
    NEW_START_RATE: { zh: '新开工项目开工率', en: 'New-start rate' },
    ANNUAL_START_RATE: { zh: '年度项目开工率', en: 'Annual start rate' },
    COMPLETED_THIS_YEAR: { zh: '本年完成投资', en: 'Completed this year' },
    YEAR_OVER_YEAR_GROWTH: { zh: '同比增长', en: 'Year-over-year growth' },
    NET_INCREASE: { zh: '同比净增', en: 'Net increase' },
    FUNDS_IN_PLACE: { zh: '到位资金', en: 'Funds in place' },
    OVERDUE_MILESTONES: { zh: '逾期节点', en: 'Overdue milestones' },
  } satisfies LabelsOf<typeof RankingMetric>,
  BulletinSection: {
    OVERVIEW: { zh: '总体情况', en: 'Overview' },
    BY_TENANT: { zh: '分地区情况', en: 'By area' },
    BY_CATEGORY: { zh: '分类别情况', en: 'By category' },
    BY_DESIGNATION_LEVEL: { zh: '分级别情况', en: 'By designation level' },
    RED_LIST: { zh: '红榜', en: 'Red list (leading)' },
    BLACK_LIST: { zh: '黑榜', en: 'Black list (lagging)' },
    LAGGING_PROJECTS: { zh: '滞后项目', en: 'Lagging projects' },
    BLOCKERS: { zh: '要素制约', en: 'Blockers' },
    REPORTING: { zh: '月报报送', en: 'Monthly reporting' },
    ATTRACTION: { zh: '招商引资', en: 'Investment attraction' },
    SUPERVISION_ORDERS: { zh: '督办落实', en: 'Supervision orders' },
  } satisfies LabelsOf<typeof BulletinSection>,
  BulletinListRule: {
    AHEAD_OF_TIME_PROGRESS: { zh: '完成率超时序进度', en: 'Ahead of time progress' },
    BEHIND_TIME_PROGRESS: { zh: '完成率落后时序进度', en: 'Behind time progress' },
    PLANNED_START_MISSED: { zh: '未按期开工', en: 'Planned start missed' },
    OVERDUE_MILESTONES: { zh: '节点逾期', en: 'Overdue milestones' },
  } satisfies LabelsOf<typeof BulletinListRule>,
  BulletinEntryKind: {
    TENANT: { zh: '地区', en: 'Area' },
    PROJECT: { zh: '项目', en: 'Project' },
  } satisfies LabelsOf<typeof BulletinEntryKind>,
  AssignmentKind: {
    LEAD_LEADER: { zh: '包抓领导', en: 'Lead leader' },
    DEPUTY_LEADER: { zh: '分包领导', en: 'Deputy leader' },
    RESPONSIBLE_UNIT: { zh: '责任单位', en: 'Responsible unit' },
    CONTACT: { zh: '联络员', en: 'Contact' },
  } satisfies LabelsOf<typeof AssignmentKind>,
  BlockerType: {
    LAND: { zh: '用地', en: 'Land use' },
    LAND_ACQUISITION: { zh: '征地拆迁', en: 'Land acquisition and demolition' },
    FUNDING: { zh: '资金', en: 'Funding' },
    APPROVALS: { zh: '手续审批', en: 'Approvals' },
    ENERGY_QUOTA: { zh: '能耗指标', en: 'Energy quota' },
    ENVIRONMENTAL_CAPACITY: { zh: '环境容量', en: 'Environmental capacity' },
    UTILITIES: { zh: '管线迁改及水电气暖', en: 'Utilities' },
    OTHER: { zh: '其他', en: 'Other' },
  } satisfies LabelsOf<typeof BlockerType>,
  BlockerStatus: {
    OPEN: { zh: '待办', en: 'Open' },
    IN_PROGRESS: { zh: '办理中', en: 'In progress' },
    RESOLVED: { zh: '已办结', en: 'Resolved' },
    CLOSED: { zh: '已销号', en: 'Closed' },
  } satisfies LabelsOf<typeof BlockerStatus>,
  BlockerEventKind: {
    RAISED: { zh: '提出问题', en: 'Raised' },
    STARTED: { zh: '开始办理', en: 'Work started' },
    ESCALATED: { zh: '提请上级协调', en: 'Escalated' },
    RESOLVED: { zh: '办结反馈', en: 'Resolved' },
    CLOSED: { zh: '确认销号', en: 'Closed' },
    REOPENED: { zh: '退回重办', en: 'Reopened' },
  } satisfies LabelsOf<typeof BlockerEventKind>,
  BlockerOrder: {
    DEADLINE_ASC: { zh: '按办结时限（最早在前）', en: 'Earliest deadline first' },
    RAISED_AT_DESC: { zh: '按提出时间（最新在前）', en: 'Newest first' },
  } satisfies LabelsOf<typeof BlockerOrder>,
  OrderSubject: {
    PROJECT: { zh: '项目', en: 'Project' },
    BLOCKER: { zh: '要素制约问题', en: 'Blocker' },
    TENANT: { zh: '行政区划', en: 'Tenant' },
  } satisfies LabelsOf<typeof OrderSubject>,
  OrderStatus: {
    ISSUED: { zh: '待签收', en: 'Issued' },
    ACKNOWLEDGED: { zh: '已签收', en: 'Acknowledged' },
    FEEDBACK_GIVEN: { zh: '已反馈', en: 'Feedback given' },
    SENT_BACK: { zh: '已退回', en: 'Sent back' },
    CLOSED: { zh: '已办结', en: 'Closed' },
  } satisfies LabelsOf<typeof OrderStatus>,
  OrderEventKind: {
    ISSUED: { zh: '下发督办', en: 'Issued' },
    ACKNOWLEDGED: { zh: '签收', en: 'Acknowledged' },
    FEEDBACK_GIVEN: { zh: '反馈', en: 'Feedback given' },
    SENT_BACK: { zh: '退回', en: 'Sent back' },
    CLOSED: { zh: '办结', en: 'Closed' },
    ESCALATED: { zh: '逾期提级督办', en: 'Escalated for being overdue' },
  } satisfies LabelsOf<typeof OrderEventKind>,
  AccountabilityMeasure: {
    REMINDER_TALK: { zh: '提醒谈话', en: 'Reminder talk' },
    INTERVIEW: { zh: '约谈', en: 'Interview' },
    WRITTEN_SELF_EXAMINATION: { zh: '责令书面检查', en: 'Written self-examination' },
    CIRCULATED_CRITICISM: { zh: '通报批评', en: 'Circulated criticism' },
    ADMONISHMENT: { zh: '诫勉谈话', en: 'Admonishment' },
    DISCIPLINARY_ACTION: { zh: '党纪政务处分', en: 'Disciplinary action' },
    OTHER: { zh: '其他', en: 'Other' },
  } satisfies LabelsOf<typeof AccountabilityMeasure>,
  ReserveMaturity: {
    CONCEPT: { zh: '谋划阶段', en: 'Concept' },
    FEASIBILITY_DONE: { zh: '可研已完成', en: 'Feasibility study done' },
    APPROVALS_UNDER_WAY: { zh: '前期手续办理中', en: 'Approvals under way' },
    READY_TO_START: { zh: '具备开工条件', en: 'Ready to start' },
  } satisfies LabelsOf<typeof ReserveMaturity>,
  TargetMeasure: {
    INVESTMENT_COMPLETED: { zh: '完成投资', en: 'Investment completed' },
    NEW_PROJECTS_STARTED: { zh: '新开工项目', en: 'New projects started' },
    LEADS_SIGNED: { zh: '招商签约项目', en: 'Investment leads signed' },
    FUNDS_ARRIVED: { zh: '到位资金', en: 'Funds arrived' },
  } satisfies LabelsOf<typeof TargetMeasure>,
  AwardKind: {
    COMMENDATION: { zh: '通报表扬', en: 'Public commendation' },
    HONOUR_AND_REWARD: { zh: '表彰奖励', en: 'Honour and reward' },
    ADMONITORY_TALK: { zh: '约谈', en: 'Admonitory talk' },
    CRITICISM: { zh: '通报批评', en: 'Public criticism' },
    VETO: { zh: '一票否决', en: 'One-vote veto' },
  } satisfies LabelsOf<typeof AwardKind>,
  ReserveStatus: {
    POOLED: { zh: '在库', en: 'Pooled' },
    PROMOTED: { zh: '已转入年度计划', en: 'Promoted' },
    DROPPED: { zh: '已出库', en: 'Dropped' },
  } satisfies LabelsOf<typeof ReserveStatus>,
  LeadStage: {
    INTENT: { zh: '达成意向', en: 'Intent' },
    FRAMEWORK_AGREEMENT: { zh: '签订框架协议', en: 'Framework agreement' },
    CONTRACT_SIGNED: { zh: '正式签约', en: 'Contract signed' },
    STARTED: { zh: '开工', en: 'Started' },
    FUNDS_IN_PLACE: { zh: '资金到位', en: 'Funds in place' },
  } satisfies LabelsOf<typeof LeadStage>,
  AuditedEntity: {
    PROJECT: RECORD_NAMES.Project,
    PROGRESS_REPORT: RECORD_NAMES.ProgressReport,
    MILESTONE: RECORD_NAMES.Milestone,
    PROJECT_ASSIGNMENT: RECORD_NAMES.ProjectAssignment,
    ANNUAL_PLAN: RECORD_NAMES.AnnualPlan,
    STAGE_CHANGE: RECORD_NAMES.StageChange,
    TRAFFIC_LIGHT_RULES: RECORD_NAMES.TrafficLightRules,
    BLOCKER: RECORD_NAMES.Blocker,
    INVESTMENT_LEAD: RECORD_NAMES.InvestmentLead,
    RESERVE_PROJECT: RECORD_NAMES.ReserveProject,
    RESPONSIBILITY_TARGET: RECORD_NAMES.ResponsibilityTarget,
    RESPONSIBILITY_LETTER: RECORD_NAMES.ResponsibilityLetter,
    MONTHLY_TARGET: RECORD_NAMES.MonthlyTarget,
    REPORTING_RULES: RECORD_NAMES.ReportingRules,
    TENANT: RECORD_NAMES.Tenant,
    FUND_ARRIVAL: RECORD_NAMES.FundArrival,
    SUPERVISION_ORDER: RECORD_NAMES.SupervisionOrder,
    ACCOUNTABILITY_OUTCOME: RECORD_NAMES.AccountabilityOutcome,
    BULLETIN_RULES: RECORD_NAMES.BulletinRules,
    BULLETIN_PUBLICATION: RECORD_NAMES.BulletinPublication,
    EVALUATION_SCHEME: RECORD_NAMES.EvaluationScheme,
    EVALUATION_PUBLICATION: RECORD_NAMES.EvaluationPublication,
    APPROVAL_KIND: RECORD_NAMES.ApprovalKind,
    PROJECT_APPROVAL: RECORD_NAMES.ProjectApproval,
    START_EXCEPTION: RECORD_NAMES.StartException,
    YEAR_END_ASSESSMENT: RECORD_NAMES.YearEndAssessment,
    SITE_PHOTO: RECORD_NAMES.SitePhoto,
  } satisfies LabelsOf<typeof AuditedEntity>,
  EvaluationMeasure: {
    PROGRESS_GAP: { zh: '投资完成率与时序进度之差', en: 'Completion against time progress' },
    COMPLETION_RATE: { zh: '投资完成率', en: 'Completion rate' },
    NEW_START_RATE: { zh: '新开工项目开工率', en: 'New-start rate' },
    ANNUAL_START_RATE: { zh: '年度项目开工率', en: 'Annual start rate' },
    ON_TIME_REPORTING: { zh: '月报按时报送率', en: 'On-time reporting' },
    BLOCKER_RESOLUTION: { zh: '问题办结率', en: 'Blocker resolution rate' },
    ORDER_CLOSURE: { zh: '督办办结率', en: 'Supervision order closure rate' },
    ATTRACTION_FULFILMENT: { zh: '招商履约率', en: 'Contract fulfilment rate' },
  } satisfies LabelsOf<typeof EvaluationMeasure>,
  ScoringMethod: {
    LINEAR: { zh: '线性插值法', en: 'Linear between floor and target' },
    THRESHOLD: { zh: '达标法', en: 'Pass or fail' },
    RANK: { zh: '名次法', en: 'By place' },
  } satisfies LabelsOf<typeof ScoringMethod>,
  AuditOperation: {
    CREATE: { zh: '新增', en: 'Created' },
    UPDATE: { zh: '修改', en: 'Changed' },
    DELETE: { zh: '删除', en: 'Deleted' },
  } satisfies LabelsOf<typeof AuditOperation>,
  ChangeKind: {
    PROJECT_CREATED: { zh: '项目录入', en: 'Project entered' },
    PROJECT_UPDATED: { zh: '项目信息修改', en: 'Project details changed' },
    STAGE_CHANGED: { zh: '阶段变更', en: 'Stage changed' },
    PROGRESS_REPORTED: { zh: '月报填报', en: 'Monthly report filed' },
    PROGRESS_CORRECTED: { zh: '月报更正', en: 'Monthly report corrected' },
    PROGRESS_REPORT_REMOVED: { zh: '月报删除', en: 'Monthly report removed' },
    MILESTONE_ADDED: { zh: '新增节点', en: 'Milestone added' },
    MILESTONE_CHANGED: { zh: '节点修改', en: 'Milestone changed' },
    MILESTONE_DONE: { zh: '节点完成', en: 'Milestone done' },
    MILESTONE_REOPENED: { zh: '节点重新打开', en: 'Milestone reopened' },
    MILESTONE_REMOVED: { zh: '节点删除', en: 'Milestone removed' },
    MILESTONE_OVERDUE: { zh: '节点逾期', en: 'Milestone overdue' },
    ASSIGNMENT_CHANGED: { zh: '包抓责任变更', en: 'Assignment changed' },
    ANNUAL_PLAN_CHANGED: { zh: '年度计划调整', en: 'Annual plan changed' },
    REPORT_DRAFTED: { zh: '月报存为草稿', en: 'Report drafted' },
    REPORT_SUBMITTED: { zh: '月报报送', en: 'Report submitted' },
    REPORT_RETURNED: { zh: '月报退回', en: 'Report returned' },
    REPORT_RESUBMITTED: { zh: '月报重新报送', en: 'Report resubmitted' },
    REPORT_APPROVED: { zh: '月报审核通过', en: 'Report approved' },
    BLOCKER_RAISED: { zh: '提出要素制约问题', en: 'Blocker raised' },
    BLOCKER_ESCALATED: { zh: '问题提请上级协调', en: 'Blocker escalated' },
    BLOCKER_RESOLVED: { zh: '问题办结反馈', en: 'Blocker resolved' },
    BLOCKER_CLOSED: { zh: '问题销号', en: 'Blocker closed' },
    BLOCKER_REOPENED: { zh: '问题退回重办', en: 'Blocker reopened' },
    BLOCKER_CHANGED: { zh: '问题其他变更', en: 'Blocker changed' },
    LEAD_REGISTERED: { zh: '招商线索登记', en: 'Lead registered' },
    LEAD_ADVANCED: { zh: '招商线索推进', en: 'Lead advanced' },
    LEAD_FUNDS_RECORDED: { zh: '到位资金登记', en: 'Funds in place recorded' },
    LEAD_CHANGED: { zh: '招商线索修改', en: 'Lead changed' },
    FUNDS_ARRIVED: { zh: '资金到位', en: 'Funds arrived' },
    FUNDS_ARRIVAL_REMOVED: { zh: '到位资金记录删除', en: 'Funds arrival removed' },
    ORDER_ISSUED: { zh: '下发督办', en: 'Order issued' },
    ORDER_ACKNOWLEDGED: { zh: '督办签收', en: 'Order acknowledged' },
    ORDER_FEEDBACK_GIVEN: { zh: '督办反馈', en: 'Order feedback' },
    ORDER_SENT_BACK: { zh: '督办退回', en: 'Order sent back' },
    ORDER_CLOSED: { zh: '督办办结', en: 'Order closed' },
    ORDER_ESCALATED: { zh: '督办逾期提级', en: 'Order escalated' },
    BULLETIN_PUBLISHED: { zh: '印发月通报', en: 'Bulletin published' },
    EVALUATION_PUBLISHED: { zh: '发布季度评比结果', en: 'Evaluation published' },
    ORDER_CHANGED: { zh: '督办其他变更', en: 'Order changed' },
    RESERVE_POOLED: { zh: '储备项目入库', en: 'Reserve project pooled' },
    RESERVE_PROMOTED: { zh: '储备项目转入年度计划', en: 'Reserve project promoted' },
    RESERVE_DROPPED: { zh: '储备项目出库', en: 'Reserve project dropped' },
    RESERVE_CHANGED: { zh: '储备项目修改', en: 'Reserve project changed' },
    TARGETS_SET: { zh: '目标责任书下达', en: 'Target letter set' },
    APPROVAL_CHANGED: { zh: '前期手续办理情况变更', en: 'Approval changed' },
    START_EXCEPTION_RECORDED: { zh: '登记容缺开工', en: 'Start exception recorded' },
    YEAR_END_ASSESSMENT_FROZEN: { zh: '冻结年终考核结果', en: 'Year-end assessment frozen' },
    SITE_PHOTO_ATTACHED: { zh: '添加形象进度照片', en: 'Site photo added' },
    SITE_PHOTO_REMOVED: { zh: '删除形象进度照片', en: 'Site photo deleted' },
  } satisfies LabelsOf<typeof ChangeKind>,
  BulletinFileFormat: {
    XLSX: { zh: 'Excel 表格', en: 'Excel workbook' },
    DOCX: { zh: 'Word 文档', en: 'Word document' },
  } satisfies LabelsOf<typeof BulletinFileFormat>,
  ApprovalState: {
    NOT_NEEDED: { zh: '不涉及', en: 'Not needed' },
    NOT_STARTED: { zh: '未启动', en: 'Not started' },
    SUBMITTED: { zh: '已报审', en: 'Submitted' },
    APPROVED: { zh: '已批复', en: 'Approved' },
  } satisfies LabelsOf<typeof ApprovalState>,
  TenantBasis: {
    OWNER: { zh: '按隶属', en: 'By owner' },
    LOCATION: { zh: '按属地', en: 'By location' },
  } satisfies LabelsOf<typeof TenantBasis>,
} as const;

export type LabelledEnum = keyof typeof ENUM_LABELS;
