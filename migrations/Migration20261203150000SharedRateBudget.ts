import { Migration } from '@mikro-orm/migrations';

/**
 * Rate budgets shared by the replicas. Each replica counts a viewer's requests in memory and, every
 * RATE_LIMIT_SYNC_MS, adds what it spent here and reads back what the whole cluster left
 * (kp_spend_rate_budget), so N replicas give a viewer one budget, not N, without a round trip on
 * any request's path.
 *
 * UNLOGGED: a rate budget is not a record. After a crash PostgreSQL empties the table, which only
 * hands every viewer a full budget once; in exchange no write here costs WAL (nor reaches a read
 * replica, where nothing reads it). The application reaches the table only through the functions.
 */
export class Migration20261203150000SharedRateBudget extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unlogged table "rate_budget" (
      "key" varchar(300) not null,
      "tokens" double precision not null,
      "budget" integer not null,
      "updated_at" timestamptz not null,
      constraint "rate_budget_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_budget_updated_at" on "rate_budget" ("updated_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_budget";`);
  }
}
