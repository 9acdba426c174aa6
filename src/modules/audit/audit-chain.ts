import type { EntityManager } from '@mikro-orm/postgresql';

/** Hash the first record of the chain follows. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditChainReport =
  | { readonly ok: true; readonly count: number; readonly headId: string | null; readonly headHash: string }
  | { readonly ok: false; readonly count: number; readonly brokenId: string | null; readonly problem: string };

interface ChainRow {
  id: string;
  prev_hash: string;
  hash: string;
  computed: string;
}

/**
 * Walks the whole audit chain in id order (a page at a time, so memory stays flat) and checks each
 * record: its prev_hash must be the hash of the record before it (64 zeros for the first), and its
 * hash must be what its fields hash to now. Then the chain head must name the last record. The first
 * record that fails is reported: an edited record fails its own hash; a removed one makes the record
 * after it point at a hash that is not its predecessor's (or the head point past the end).
 *
 * Needs a connection that sees every record: the owner's (row-level security scopes kp_app). Runs in
 * `em`'s transaction when it has one.
 */
export async function verifyAuditChain(em: EntityManager, pageSize = 5000): Promise<AuditChainReport> {
  let count = 0;
  let lastId: string | null = null;
  let lastHash = GENESIS_HASH;
  for (;;) {
    const rows: ChainRow[] = await em.execute(
      `select r.id::text as id, r.prev_hash, r.hash, kp_audit_hash(r.prev_hash, r) as computed
         from audit_record r where r.id > ? order by r.id limit ?`,
      [lastId ?? '0', pageSize],
    );
    for (const row of rows) {
      if (row.prev_hash !== lastHash) {
        const problem =
          lastId === null
            ? 'it is the first record but does not follow the start of the chain: records before it were removed'
            : `its prev_hash is not the hash of record ${lastId} before it: a record between them was removed or record ${lastId} was altered`;
        return { ok: false, count, brokenId: row.id, problem };
      }
      if (row.computed !== row.hash) {
        return { ok: false, count, brokenId: row.id, problem: 'its fields no longer match its hash: the record was altered' };
      }
      count += 1;
      lastId = row.id;
      lastHash = row.hash;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await em.execute<{ last_id: string; last_hash: string }[]>(
    'select last_id::text as last_id, last_hash from audit_chain_head',
  );
  if (!head) return { ok: false, count, brokenId: null, problem: 'the chain head is missing' };
  if (head.last_id !== (lastId ?? '0') || head.last_hash !== lastHash) {
    return {
      ok: false,
      count,
      brokenId: head.last_id,
      problem: `the chain head names record ${head.last_id}, but the chain ends at ${lastId ?? 'no record'}: records at the end were removed or altered`,
    };
  }
  return { ok: true, count, headId: lastId, headHash: lastHash };
}
