import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOwnerDatabase } from '../database';
import { verifyAuditChain } from '../modules/audit/audit-chain';
import { EXIT_FAILURE, EXIT_OK, runCommand, UsageError } from './run-command';

const USAGE = `Usage: npm run audit:verify

Recomputes the audit trail's hash chains (审计留痕; one per tenant acting) in the database of
DATABASE_URL (its owner's connection, DATABASE_MIGRATION_URL when set) or the embedded one (the
cluster a running npm start holds on the same DATA_DIR, or one started for this command), and
prints OK with the number of records and chains and a digest of the chains' heads (keep it
elsewhere: a rewritten chain changes it), or the first broken record. Exit code 1 when a chain is
broken or cannot be read.`;

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return EXIT_OK;
  }
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`, USAGE);
  // Verification reads only: it neither migrates nor writes.
  const database = await openOwnerDatabase(loadConfig(), { migrate: false });
  try {
    // The owner's connection sees every record; the application's sees only its viewer's.
    const report = await verifyAuditChain(database.orm.em.fork());
    if (report.ok) {
      console.log(
        `OK: ${report.count} audit records in ${report.chains} chains, last record ${report.headId ?? '-'}, heads digest ${report.headHash}`,
      );
      return EXIT_OK;
    }
    console.log(`BROKEN at audit record ${report.brokenId ?? '-'} (after ${report.count} good records): ${report.problem}`);
    return EXIT_FAILURE;
  } finally {
    await database.close();
  }
}

runCommand('audit:verify', main);
