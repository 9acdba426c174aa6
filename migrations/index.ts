import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Foundation } from './Migration20261122000000Foundation';
import { Migration20261122100000Isolation } from './Migration20261122100000Isolation';
import { Migration20261122200000Rollups } from './Migration20261122200000Rollups';
import { Migration20261122300000RollupReads } from './Migration20261122300000RollupReads';
import { Migration20261123000000ChangeEvents } from './Migration20261123000000ChangeEvents';
import { Migration20261124000000ReportReview } from './Migration20261124000000ReportReview';
import { Migration20261124100000AuditTrail } from './Migration20261124100000AuditTrail';
import { Migration20261124300000Blockers } from './Migration20261124300000Blockers';
import { Migration20261124400000Attraction } from './Migration20261124400000Attraction';
import { Migration20261202000000RecordVersions } from './Migration20261202000000RecordVersions';
import { Migration20261202100000Idempotency } from './Migration20261202100000Idempotency';
import { Migration20261202200000LedgerAccountability } from './Migration20261202200000LedgerAccountability';
import { Migration20261203020000IdempotencyScope } from './Migration20261203020000IdempotencyScope';
import { Migration20261203040000OwnerPolicies } from './Migration20261203040000OwnerPolicies';
import { Migration20261203050000LiveEventSubjects } from './Migration20261203050000LiveEventSubjects';
import { Migration20261203100000AnnualPlanNature } from './Migration20261203100000AnnualPlanNature';
import { Migration20261203100100LocationReads } from './Migration20261203100100LocationReads';
import { Migration20261203100200FundArrivals } from './Migration20261203100200FundArrivals';
import { Migration20261203100300RollupModel } from './Migration20261203100300RollupModel';
import { Migration20261203100400LocationEvents } from './Migration20261203100400LocationEvents';
import { Migration20261203110000ReportsConfirmedAndOwed } from './Migration20261203110000ReportsConfirmedAndOwed';
import { Migration20261203120000PinyinOrder } from './Migration20261203120000PinyinOrder';
import { Migration20261203130000TenantLightShares } from './Migration20261203130000TenantLightShares';
import { Migration20261203140000RollupProjectFlags } from './Migration20261203140000RollupProjectFlags';
import { Migration20261203150000SharedRateBudget } from './Migration20261203150000SharedRateBudget';
import { Migration20261203151500AuditChains } from './Migration20261203151500AuditChains';
import { Migration20261203151600RollupSlots } from './Migration20261203151600RollupSlots';
import { Migration20261203160000SeenMarks } from './Migration20261203160000SeenMarks';
import { Migration20261203160000SupervisionOrders } from './Migration20261203160000SupervisionOrders';
import { Migration20261203170000Bulletins } from './Migration20261203170000Bulletins';
import { Migration20261203170000Evaluation } from './Migration20261203170000Evaluation';
import { Migration20261203180000DownloadSigningKey } from './Migration20261203180000DownloadSigningKey';
import { Migration20261203190000PreparatoryApprovals } from './Migration20261203190000PreparatoryApprovals';

/**
 * Every migration in the order it runs. A landed migration is never edited: a change to the schema
 * is a new file here, created with `npm run migration:create`, and listed below.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000Foundation', class: Migration20261122000000Foundation },
  { name: 'Migration20261122100000Isolation', class: Migration20261122100000Isolation },
  { name: 'Migration20261122200000Rollups', class: Migration20261122200000Rollups },
  { name: 'Migration20261122300000RollupReads', class: Migration20261122300000RollupReads },
  { name: 'Migration20261123000000ChangeEvents', class: Migration20261123000000ChangeEvents },
  { name: 'Migration20261124000000ReportReview', class: Migration20261124000000ReportReview },
  { name: 'Migration20261124100000AuditTrail', class: Migration20261124100000AuditTrail },
  { name: 'Migration20261124300000Blockers', class: Migration20261124300000Blockers },
  { name: 'Migration20261124400000Attraction', class: Migration20261124400000Attraction },
  { name: 'Migration20261202000000RecordVersions', class: Migration20261202000000RecordVersions },
  { name: 'Migration20261202100000Idempotency', class: Migration20261202100000Idempotency },
  { name: 'Migration20261202200000LedgerAccountability', class: Migration20261202200000LedgerAccountability },
  { name: 'Migration20261203020000IdempotencyScope', class: Migration20261203020000IdempotencyScope },
  { name: 'Migration20261203040000OwnerPolicies', class: Migration20261203040000OwnerPolicies },
  { name: 'Migration20261203050000LiveEventSubjects', class: Migration20261203050000LiveEventSubjects },
  { name: 'Migration20261203100000AnnualPlanNature', class: Migration20261203100000AnnualPlanNature },
  { name: 'Migration20261203100100LocationReads', class: Migration20261203100100LocationReads },
  { name: 'Migration20261203100200FundArrivals', class: Migration20261203100200FundArrivals },
  { name: 'Migration20261203100300RollupModel', class: Migration20261203100300RollupModel },
  { name: 'Migration20261203100400LocationEvents', class: Migration20261203100400LocationEvents },
  { name: 'Migration20261203110000ReportsConfirmedAndOwed', class: Migration20261203110000ReportsConfirmedAndOwed },
  { name: 'Migration20261203120000PinyinOrder', class: Migration20261203120000PinyinOrder },
  { name: 'Migration20261203130000TenantLightShares', class: Migration20261203130000TenantLightShares },
  { name: 'Migration20261203140000RollupProjectFlags', class: Migration20261203140000RollupProjectFlags },
  { name: 'Migration20261203150000SharedRateBudget', class: Migration20261203150000SharedRateBudget },
  { name: 'Migration20261203151500AuditChains', class: Migration20261203151500AuditChains },
  { name: 'Migration20261203151600RollupSlots', class: Migration20261203151600RollupSlots },
  { name: 'Migration20261203160000SeenMarks', class: Migration20261203160000SeenMarks },
  { name: 'Migration20261203160000SupervisionOrders', class: Migration20261203160000SupervisionOrders },
  { name: 'Migration20261203170000Bulletins', class: Migration20261203170000Bulletins },
  { name: 'Migration20261203170000Evaluation', class: Migration20261203170000Evaluation },
  { name: 'Migration20261203180000DownloadSigningKey', class: Migration20261203180000DownloadSigningKey },
  { name: 'Migration20261203190000PreparatoryApprovals', class: Migration20261203190000PreparatoryApprovals },
];
