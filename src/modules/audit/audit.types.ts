import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { StoredChange } from '../../graphql/api-fields';
import { formerNameOf } from '../../graphql/deprecation';
import { connectionType } from '../../pagination/connection';

/** The records that keep an audit trail, as the API names them (the names stored on each record). */
export enum AuditedEntity {
  PROJECT = 'Project',
  PROGRESS_REPORT = 'ProgressReport',
  MILESTONE = 'Milestone',
  PROJECT_ASSIGNMENT = 'ProjectAssignment',
  ANNUAL_PLAN = 'AnnualPlan',
  STAGE_CHANGE = 'StageChange',
  TRAFFIC_LIGHT_RULES = 'TrafficLightRules',
  BLOCKER = 'Blocker',
  INVESTMENT_LEAD = 'InvestmentLead',
  MONTHLY_TARGET = 'MonthlyTarget',
  REPORTING_RULES = 'ReportingRules',
  TENANT = 'Tenant',
  FUND_ARRIVAL = 'FundArrival',
  SUPERVISION_ORDER = 'SupervisionOrder',
  ACCOUNTABILITY_OUTCOME = 'AccountabilityOutcome',
  BULLETIN_RULES = 'BulletinRules',
  BULLETIN_PUBLICATION = 'BulletinPublication',
  EVALUATION_SCHEME = 'EvaluationScheme',
  EVALUATION_PUBLICATION = 'EvaluationPublication',
  RESERVE_PROJECT = 'ReserveProject',
  RESPONSIBILITY_TARGET = 'ResponsibilityTarget',
  RESPONSIBILITY_LETTER = 'ResponsibilityLetter',
  APPROVAL_KIND = 'ApprovalKind',
  PROJECT_APPROVAL = 'ProjectApproval',
  START_EXCEPTION = 'StartException',
  YEAR_END_ASSESSMENT = 'YearEndAssessment',
  SITE_PHOTO = 'SitePhoto',
}

registerEnumType(AuditedEntity, {
  name: 'AuditedEntity',
  description: 'A kind of record whose changes are kept in the audit trail (审计留痕).',
  valuesConfig: {
    PROJECT: { description: 'A project (项目); its id.' },
    PROGRESS_REPORT: { description: 'A monthly progress report (月度进度); its id.' },
    MILESTONE: { description: 'A milestone (节点); its id.' },
    PROJECT_ASSIGNMENT: { description: 'An assignment (包抓责任); its id.' },
    ANNUAL_PLAN: { description: "A year's planned investment (年度计划); its id." },
    STAGE_CHANGE: { description: 'A recorded stage change (阶段变更); its id.' },
    TRAFFIC_LIGHT_RULES: { description: "A city's traffic-light thresholds (亮灯规则); the city's code." },
    BLOCKER: { description: 'A blocker (要素制约) of the ledger; its id. Its steps are in its history too.' },
    INVESTMENT_LEAD: { description: 'An investment lead (招商线索); its id.' },
    MONTHLY_TARGET: { description: "A month's target of a project's annual plan (任务分解); its id." },
    REPORTING_RULES: { description: "A city's reporting deadline rules (报送规则); the city's code." },
    TENANT: { description: 'A tenant (city, county, town): retired, reinstated, renamed; its division code.' },
    FUND_ARRIVAL: { description: 'Funds that arrived for a project (到位资金), recorded or removed; its id.' },
    SUPERVISION_ORDER: { description: 'A supervision order (督办单); its id. Its steps are in its history too.' },
    ACCOUNTABILITY_OUTCOME: { description: 'An accountability outcome (问责) on an order or a blocker; its id.' },
    BULLETIN_RULES: { description: "A city's bulletin rules (通报规则: ranking, 红榜 and 黑榜); the city's code." },
    BULLETIN_PUBLICATION: { description: 'A published monthly bulletin (已印发通报); its id. Published once, never changed.' },
    EVALUATION_SCHEME: { description: "A city's quarterly evaluation scheme (季度评比考核办法), every version; the city's code." },
    EVALUATION_PUBLICATION: { description: 'A published quarterly ranking (季度评比结果); its id.' },
    RESPONSIBILITY_TARGET: { description: "One measure of a tenant's target-responsibility letter (目标责任书); its id." },
    RESPONSIBILITY_LETTER: {
      description: "A tenant's target-responsibility letter (目标责任书) for a year: who set it, when, its version; its id.",
    },
    RESERVE_PROJECT: { description: 'A reserve project (储备项目): pooled, regraded, promoted or dropped; its id.' },
    APPROVAL_KIND: { description: "A kind of a city's preparatory approval list (前期手续清单) and its rule; its id." },
    PROJECT_APPROVAL: { description: "A project's state of one preparatory approval (前期手续); its id." },
    START_EXCEPTION: { description: 'A start exception (容缺开工) recorded for a project; its id.' },
    YEAR_END_ASSESSMENT: {
      description: 'A frozen year-end assessment (年终考核结果) with its rewards and penalties; its id. Never changed.',
    },
    SITE_PHOTO: { description: 'A site photo (形象进度照片): uploaded, attached to a report or milestone, deleted; its id.' },
  },
});

export enum AuditOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}

registerEnumType(AuditOperation, {
  name: 'AuditOperation',
  description: 'What a change did to the record.',
  valuesConfig: {
    CREATE: { description: 'Created it (新增): every field is listed with its value after.' },
    UPDATE: { description: 'Changed it (修改): only the fields that changed are listed.' },
    DELETE: { description: 'Deleted it (删除): every field is listed with its value before.' },
  },
});

@ObjectType({
  description:
    "One field of an audited change, named as the API names it on the record's type and written as that field is " +
    '(Period `YYYY-MM`, LocalDate `YYYY-MM-DD`, DateTimeISO in UTC with `Z`, Wan exact without trailing zeros, an ' +
    'enum by its name, a list as a JSON array). A reference to another record (`project`, `escalatedTo`, `owner`) ' +
    "is written as that record's key: its id, or a tenant's division code.",
})
export class AuditChange {
  @Field({
    description:
      "The field, as the API names it on the record's type today (e.g. `totalInvestmentWan`, `escalatedTo`), also in " +
      'records written before a field was renamed.',
  })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Value before the change; null when it had none (or on creation).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Value after the change; null when it has none (or on deletion).' })
  after!: string | null;
}

@ObjectType({ description: 'One change of the audit trail (审计记录): who changed which record, when, and how.' })
export class AuditRecord {
  @Field(() => ID, { description: 'Position in the tamper-evident chain of all audit records.' })
  id!: string;

  @Field({ description: 'When the change was made (its transaction began).' })
  actedAt!: Date;

  @Field({ description: 'Keycloak subject of who made the change (操作人).' })
  actedBySubject!: string;

  @Field(() => String, { nullable: true, description: 'Display name of who made the change, as their token named them.' })
  actedByName!: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the tenant they acted from (操作单位); null for an account without one.' })
  actedByTenantCode!: string | null;

  @Field(() => AuditedEntity, { description: 'The kind of record changed.' })
  entity!: AuditedEntity;

  @Field(() => ID, { description: 'Id of the record changed (a city code for traffic-light rules).' })
  entityId!: string;

  @Field(() => AuditOperation, { description: 'Whether the record was created, changed or deleted.' })
  operation!: AuditOperation;

  /** The changed columns as sealed in the chain; `changes` shows them in the API's terms. */
  stored!: StoredChange[];

  @Field({ ...formerNameOf('actedAt') })
  get recordedAt(): Date {
    return this.actedAt;
  }

  @Field({ ...formerNameOf('actedBySubject') })
  get actorSubject(): string {
    return this.actedBySubject;
  }

  @Field(() => String, { nullable: true, ...formerNameOf('actedByName') })
  get actorName(): string | null {
    return this.actedByName;
  }

  @Field(() => String, { nullable: true, ...formerNameOf('actedByTenantCode') })
  get actorTenantCode(): string | null {
    return this.actedByTenantCode;
  }
}

export const AuditRecordConnection = connectionType(AuditRecord, 'AuditRecordConnection', 'A page of an audit trail, oldest change first.');
