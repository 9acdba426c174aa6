import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';

/** Group role every application connection works as (created by the isolation migration). */
export const APP_ROLE = 'kp_app';
/** Login the embedded database creates for the application (loopback only, development). */
export const EMBEDDED_APP_LOGIN = 'kp_app_login';
export const EMBEDDED_APP_PASSWORD = 'kp_app_login';

/** Creates the application's login in a cluster this process manages, as a member of kp_app. */
export async function ensureAppLogin(adminUrl: string, login = EMBEDDED_APP_LOGIN, password = EMBEDDED_APP_PASSWORD): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const quoted = `"${login.replaceAll('"', '""')}"`;
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [login]);
    if (exists.rowCount === 0) {
      await client.query(`create role ${quoted} login nosuperuser nobypassrls inherit password '${password.replaceAll("'", "''")}'`);
    }
    await client.query(`grant ${APP_ROLE} to ${quoted}`);
  } finally {
    await client.end();
  }
}

export interface AppRoleReport {
  login: string;
  problems: string[];
}

/**
 * Checks that the application's connection cannot escape row-level security: it must be able to
 * act as kp_app, and should be no superuser, have no BYPASSRLS and own no table.
 */
export async function inspectAppRole(em: EntityManager): Promise<AppRoleReport> {
  const [row] = await em.execute<{ login: string; super: boolean; bypass: boolean; member: boolean; owned: number }[]>(
    `select r.rolname as login, r.rolsuper as super, r.rolbypassrls as bypass,
            pg_has_role(current_user, '${APP_ROLE}', 'member') as member,
            (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and c.relowner = r.oid and c.relkind in ('r', 'p')) as owned
       from pg_roles r where r.rolname = current_user`,
  );
  const problems: string[] = [];
  if (!row) return { login: 'unknown', problems: ['cannot read the current role'] };
  if (!row.member) problems.push(`it is not a member of ${APP_ROLE}: run "grant ${APP_ROLE} to ${row.login}"`);
  if (row.super) problems.push('it is a superuser, which bypasses row-level security');
  if (row.bypass) problems.push('it has BYPASSRLS');
  if (row.owned > 0) problems.push(`it owns ${row.owned} table(s); use the owner only in DATABASE_MIGRATION_URL`);
  return { login: row.login, problems };
}
