import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ResponsibilityTarget } from './responsibility-target.entity';
import { TargetMeasure } from './target.enums';

const ORDER = Object.values(TargetMeasure);

/** Per-request loaders: a tenant's letter for a year, keyed `<code>|<year>`, every key of a request in one statement. */
export function createTargetLoaders(em: EntityManager) {
  return {
    byTenantYear: new DataLoader<string, ResponsibilityTarget[]>(async (keys) => {
      const pairs = keys.map((k) => k.split('|') as [string, string]);
      const rows = await em.find(ResponsibilityTarget, { $or: pairs.map(([tenant, year]) => ({ tenant, year: Number(year) })) });
      return keys.map((key) =>
        rows.filter((r) => `${r.tenant.code}|${r.year}` === key).sort((a, b) => ORDER.indexOf(a.measure) - ORDER.indexOf(b.measure)),
      );
    }),
  };
}
