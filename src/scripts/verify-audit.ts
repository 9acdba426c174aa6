import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../database';
import { verifyAuditChain } from '../modules/audit/audit-chain';

const USAGE = `Usage: npm run audit:verify

Recomputes the audit trail's hash chain (审计留痕) in the database of DATABASE_URL (its owner's
connection, DATABASE_MIGRATION_URL when set) or the embedded one, and prints OK with the number of
records and the chain's head hash (keep it elsewhere: a later run must extend it), or the first
broken record. Exit code 1 when the chain is broken.`;

async function main(args: readonly string[]): Promise<number> {
  if (args.length > 0) {
    console.log(USAGE);
    return args[0] === '-h' || args[0] === '--help' ? 0 : 1;
  }
  const config = loadConfig();
  // Verification reads only: it neither migrates nor writes.
  const database = await openDatabase(config, { migrate: false });
  try {
    // The owner's connection sees every record; the application's sees only its viewer's.
    const report = await verifyAuditChain((await database.admin()).em.fork());
    if (report.ok) {
      console.log(`OK: ${report.count} audit records, chain head ${report.headId ?? '-'} ${report.headHash}`);
      return 0;
    }
    console.log(`BROKEN at audit record ${report.brokenId ?? '-'} (after ${report.count} good records): ${report.problem}`);
    return 1;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `audit:verify: ${error.message}` : error);
    process.exitCode = 1;
  },
);
