import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/** A tenant's subtree: how many of its projects have at least one overdue milestone, one open blocker. */
export interface ProjectsFlagged {
  withOverdueMilestone: number;
  withOpenBlocker: number;
}

interface CountRow {
  tenant_code: string;
  with_overdue_milestone: number;
  with_open_blocker: number;
}

/**
 * The counts a tenant's light judges by (kp_light_project_counts), as of a date: every tenant of a
 * request (a rollup and its children) in one statement. A tenant outside the viewer's read root has none.
 */
export function createLightCountLoaders(em: EntityManager): (asOf: string) => DataLoader<string, ProjectsFlagged> {
  const byDate = new Map<string, DataLoader<string, ProjectsFlagged>>();
  return (asOf) => {
    let loader = byDate.get(asOf);
    if (!loader) {
      loader = new DataLoader<string, ProjectsFlagged>(async (codes) => {
        const rows: CountRow[] = await em.execute(`select * from kp_light_project_counts(?::varchar[], ?::date)`, [`{${codes.join(',')}}`, asOf]);
        const byCode = new Map(rows.map((r) => [r.tenant_code, r]));
        return codes.map((code) => ({
          withOverdueMilestone: byCode.get(code)?.with_overdue_milestone ?? 0,
          withOpenBlocker: byCode.get(code)?.with_open_blocker ?? 0,
        }));
      });
      byDate.set(asOf, loader);
    }
    return loader;
  };
}
