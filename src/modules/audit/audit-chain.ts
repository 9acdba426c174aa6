import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Hash the first record of every chain follows. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditChainReport =
  | {
      readonly ok: true;
      readonly count: number;
      /** Chains verified: one per tenant whose viewers wrote (and '' for those written before chains were per tenant). */
      readonly chains: number;
      /** The last record of all chains. */
      readonly headId: string | null;
      /** sha256 over every chain's name, last id and last hash: keep it elsewhere to detect a rewrite of a whole chain. */
      readonly headHash: string;
    }
  | { readonly ok: false; readonly count: number; readonly brokenId: string | null; readonly problem: string };

interface ChainRow {
  chain: string;
  id: string;
  prev_hash: string;
  hash: string;
  computed: string;
}

interface ChainHead {
  chain: string;
  last_id: string;
  last_hash: string;
}

/** The chain's name as a report says it. */
const named = (chain: string) => (chain === '' ? 'the chain without a tenant' : `chain ${chain}`);

/**
 * Walks every audit chain (one per tenant acting, see migrations/Migration20261203151500AuditChains.ts)
 * in id order, a page at a time so memory stays flat, and checks each record: its prev_hash must be
 * the hash of the record before it in its chain (64 zeros for the first), and its hash must be what
 * its fields hash to now. Each chain's head must name its last record, and every head must have its
 * records. The first record that fails is reported: an edited record fails its own hash; a removed
 * one makes the record after it point at a hash that is not its predecessor's (or the head point
 * past the end).
 *
 * Needs a connection that sees every record: the owner's (row-level security scopes kp_app). Runs in
 * `em`'s transaction when it has one.
 */
export async function verifyAuditChain(em: EntityManager, pageSize = 5000): Promise<AuditChainReport> {
  const heads = new Map(
    (await em.execute<ChainHead[]>('select chain, last_id::text as last_id, last_hash from audit_chain_head order by chain')).map(
      (head) => [head.chain, head],
    ),
  );
  let count = 0;
  let chain: string | null = null;
  let lastId: string | null = null;
  let lastHash = GENESIS_HASH;
  let headId: string | null = null;
  const seen = new Set<string>();

  /** The end of `chain`'s records must be what its head remembers. */
  const endOfChain = (): AuditChainReport | undefined => {
    if (chain === null) return undefined;
    seen.add(chain);
    const head = heads.get(chain);
    if (!head) return { ok: false, count, brokenId: lastId, problem: `${named(chain)} has records but no head: its head was removed` };
    if (head.last_id !== (lastId ?? '0') || head.last_hash !== lastHash) {
      return {
        ok: false,
        count,
        brokenId: head.last_id,
        problem: `the head of ${named(chain)} names record ${head.last_id}, but the chain ends at ${lastId ?? 'no record'}: records at the end were removed or altered`,
      };
    }
    return undefined;
  };

  for (;;) {
    const rows: ChainRow[] = await em.execute(
      `select r.chain, r.id::text as id, r.prev_hash, r.hash, kp_audit_hash(r.prev_hash, r) as computed
         from audit_record r where (r.chain, r.id) > (?, ?) order by r.chain, r.id limit ?`,
      [chain ?? '', lastId ?? '0', pageSize],
    );
    for (const row of rows) {
      if (row.chain !== chain) {
        const broken = endOfChain();
        if (broken) return broken;
        chain = row.chain;
        lastId = null;
        lastHash = GENESIS_HASH;
      }
      if (row.prev_hash !== lastHash) {
        const problem =
          lastId === null
            ? `it is the first record of ${named(row.chain)} but does not follow the start of the chain: records before it were removed`
            : `its prev_hash is not the hash of record ${lastId} before it: a record between them was removed or record ${lastId} was altered`;
        return { ok: false, count, brokenId: row.id, problem };
      }
      if (row.computed !== row.hash) {
        return { ok: false, count, brokenId: row.id, problem: 'its fields no longer match its hash: the record was altered' };
      }
      count += 1;
      lastId = row.id;
      lastHash = row.hash;
      if (headId === null || BigInt(row.id) > BigInt(headId)) headId = row.id;
    }
    if (rows.length < pageSize) break;
  }
  const broken = endOfChain();
  if (broken) return broken;
  for (const head of heads.values()) {
    if (!seen.has(head.chain) && (head.last_id !== '0' || head.last_hash !== GENESIS_HASH)) {
      return {
        ok: false,
        count,
        brokenId: head.last_id,
        problem: `the head of ${named(head.chain)} names record ${head.last_id}, but the chain has no records: they were removed`,
      };
    }
  }
  const digest = createHash('sha256');
  for (const head of heads.values()) digest.update(`${head.chain}:${head.last_id}:${head.last_hash}\n`);
  return { ok: true, count, chains: seen.size, headId, headHash: digest.digest('hex') };
}
