/**
 * FROZEN: a copy of src/modules/audit/audit-trigger.ts as it stood when the AuditTrail and
 * LedgerAccountability migrations landed (commit fce2440), for those migrations. Migrations never
 * import src/: editing live code must not change what a landed migration does. Never edit this
 * file; a migration that needs other trigger SQL writes it itself or adds a new support file.
 */

/**
 * SQL that attaches the audit trail (see migrations/Migration20261124100000AuditTrail.ts) to a table,
 * for migrations. Two triggers: one per statement that takes the chain's lock before the statement
 * locks any row (so writers always queue for the chain first: no deadlock between a row lock and the
 * chain lock), one per row that writes the audit record.
 *
 * ```ts
 * for (const sql of auditTriggerSql('blocker', 'Blocker')) this.addSql(sql);
 * ```
 *
 * The owning tenant is found on the row (`owner_tenant_code`), else through `project_id`, else in
 * `tenantColumn` when given; the record's id is `idColumn` (`id` by default).
 */
export function auditTriggerSql(
  table: string,
  entityName: string,
  options: { idColumn?: string; tenantColumn?: string } = {},
): string[] {
  const args = [entityName, options.idColumn ?? 'id', options.tenantColumn ?? '']
    .map((arg) => `'${arg.replaceAll("'", "''")}'`)
    .join(', ');
  const quoted = `"${table.replaceAll('"', '""')}"`;
  return [
    `create trigger "${table}_audit_lock" before insert or update or delete on ${quoted}
      for each statement execute function kp_audit_lock();`,
    `create trigger "${table}_audit" after insert or update or delete on ${quoted}
      for each row execute function kp_audit_record(${args});`,
  ];
}

/** Undoes {@link auditTriggerSql}, for a migration's down(). */
export function dropAuditTriggerSql(table: string): string[] {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  return [`drop trigger if exists "${table}_audit" on ${quoted};`, `drop trigger if exists "${table}_audit_lock" on ${quoted};`];
}
