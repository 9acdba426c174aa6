import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { importCityTenants } from '../../src/modules/tenant/tenant-import';
import { databaseUrl, withAdmin } from './database';
import { CITY } from './fixtures';

/** A database left at an earlier migration, as a migration under test finds a live one. */
export interface MigratedDatabase {
  /** The ORM on it: `runMigrations(db.orm)` brings it up to date. */
  orm: MikroORM;
  /** A client on the owner's login (row-level security aside, the triggers run as for the application). */
  owner: Client;
  /**
   * One transaction as a viewer of `tenant` reading 德州市. `triggers: false` writes raw rows only: at
   * an earlier migration the database has the landed migrations' function bodies without the files
   * runMigrations applies after them, and some of those bodies (the audit trail's) fail there.
   */
  asViewer(tenant: string, sql: string, params?: unknown[], triggers?: boolean): Promise<void>;
}

/**
 * A database of its own (`prefix` and a random suffix), migrated up to `before` only, with 德州市's
 * tenants, for the describe block that calls it: created before its tests, dropped after.
 */
export function databaseMigratedTo(before: string, prefix: string): MigratedDatabase {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const db: MigratedDatabase = {
    orm: undefined as unknown as MikroORM,
    owner: undefined as unknown as Client,
    async asViewer(tenant, sql, params = [], triggers = true) {
      await db.owner.query('begin');
      if (!triggers) await db.owner.query(`set local session_replication_role = replica`);
      await db.owner.query(
        `select set_config('kp.subject', 'migration-test', true), set_config('kp.actor_name', '迁移测试', true),
                set_config('kp.tenant_code', $1, true), set_config('kp.read_root', $2, true)`,
        [tenant, CITY],
      );
      await db.owner.query(sql, params);
      await db.owner.query('commit');
    },
  };
  beforeAll(async () => {
    await withAdmin((admin) => admin.query(`create database "${name}"`));
    db.orm = await MikroORM.init(appOrmOptions({ clientUrl: databaseUrl(name), poolMax: 2 }));
    await db.orm.getMigrator().up({ to: before });
    await importCityTenants(db.orm.em.fork(), CITY);
    db.owner = new Client({ connectionString: databaseUrl(name) });
    await db.owner.connect();
  });
  afterAll(async () => {
    await db.owner?.end();
    await db.orm?.close(true);
    await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
  });
  return db;
}
