import { Migration } from '@mikro-orm/migrations';

/**
 * Publishing a bulletin (印发月通报) or a quarterly ranking (发布季度评比) reaches the dashboards like
 * every other change: `kp_record_publication_change` writes a change_event row (BULLETIN_PUBLISHED,
 * EVALUATION_PUBLISHED) under the publishing tenant in the publishing transaction, so the live
 * relay delivers it after commit and on every replica, as it delivers an order issued about a
 * tenant (no project). No table changes shape; both tables stay insert-only for the application.
 */
export class Migration20261203193000PublicationEvents extends Migration {
  override async up(): Promise<void> {
    // Declared for src/db/sql/change-events/kp_record_publication_change.sql, applied right after.
    this.addSql(
      `create or replace function kp_record_publication_change() returns trigger language plpgsql as $$ begin return null; end $$;`,
    );
    this.addSql(`create trigger "bulletin_publication_change_event" after insert on "bulletin_publication"
      for each row execute function kp_record_publication_change();`);
    this.addSql(`create trigger "evaluation_publication_change_event" after insert on "evaluation_publication"
      for each row execute function kp_record_publication_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "evaluation_publication_change_event" on "evaluation_publication";`);
    this.addSql(`drop trigger if exists "bulletin_publication_change_event" on "bulletin_publication";`);
    this.addSql(`drop function if exists kp_record_publication_change();`);
  }
}
