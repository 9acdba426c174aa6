import { TenantKind, TenantLevel } from './tenant.enums';

/**
 * Official division codes: six digits (GB/T 2260) for city and county-level units, and the first
 * nine digits of the twelve-digit statistical division code for town-level units. The code encodes
 * the hierarchy, which is why it is the tenant's natural key.
 */
export function levelOfCode(code: string): TenantLevel | undefined {
  if (/^\d{9}$/.test(code)) return TenantLevel.TOWN;
  if (!/^\d{6}$/.test(code) || code.endsWith('0000')) return undefined;
  return code.endsWith('00') ? TenantLevel.CITY : TenantLevel.COUNTY;
}

export function isTenantCode(code: string): boolean {
  return levelOfCode(code) !== undefined;
}

/** The code of the unit one level up, as the code itself says; a city has none within the product. */
export function parentCodeOf(code: string): string | undefined {
  switch (levelOfCode(code)) {
    case TenantLevel.TOWN:
      return code.slice(0, 6);
    case TenantLevel.COUNTY:
      return `${code.slice(0, 4)}00`;
    default:
      return undefined;
  }
}

export function kindOf(code: string, name: string): TenantKind {
  const level = levelOfCode(code);
  if (level === TenantLevel.CITY) return TenantKind.CITY;
  if (level === TenantLevel.COUNTY) {
    const digits = Number(code.slice(4, 6));
    // The code ranges are official and win: 浦东新区 (310115) is a district despite its name. The
    // name only decides inside the county range, where a few zones were given county numbers.
    if (digits <= 20) return TenantKind.DISTRICT;
    if (digits >= 81) return TenantKind.COUNTY_LEVEL_CITY;
    if (digits >= 71 || /(新区|开发区|高新区|园区|示范区)$/.test(name)) return TenantKind.DEVELOPMENT_ZONE;
    return TenantKind.COUNTY;
  }
  const digits = Number(code.slice(6, 9));
  if (digits < 100) return TenantKind.SUBDISTRICT;
  if (digits < 200) return TenantKind.TOWN;
  if (digits < 400) return TenantKind.TOWNSHIP;
  return TenantKind.TOWN_LEVEL_UNIT;
}

/**
 * ltree path of a tenant: the codes from the city down, e.g. `371400.371402.371402001`, so that
 * "everything under X" is the single indexed predicate `path <@ X.path`.
 */
export function pathOf(parentPath: string | undefined, code: string): string {
  return parentPath ? `${parentPath}.${code}` : code;
}
