import { Migration } from '@mikro-orm/migrations';

/**
 * Live events reach where a project is built (属地), as its reads do (LocationReads): a change to the
 * city's heating network built in 德城区黄河涯镇 reaches the 德城区 dashboard. `change_event` keeps
 * the project owner's tenant (who answers for it) and now also `location_path`, the path of the
 * tenant it is built in when that is not the owner, filled when the event is written by a trigger
 * of its own (so every writer of events, of this release or the previous one, fills it). Streams
 * deliver an event to a subscription watching either place, when the viewer reads either.
 */
export class Migration20261203100400LocationEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "change_event" add column "location_path" ltree null;`);
    this.addSql(`create or replace function kp_change_event_location() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if new.project_id is not null and new.location_path is null then
          select l.path into new.location_path
            from project p join tenant l on l.code = p.location_tenant_code
           where p.id = new.project_id and p.location_tenant_code <> p.owner_tenant_code;
        end if;
        return new;
      end $$;`);
    this.addSql(`revoke execute on function kp_change_event_location() from public;`);
    this.addSql(`create trigger "change_event_location" before insert on "change_event"
      for each row execute function kp_change_event_location();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "change_event_location" on "change_event";`);
    this.addSql(`drop function if exists kp_change_event_location();`);
    this.addSql(`alter table "change_event" drop column "location_path";`);
  }
}
