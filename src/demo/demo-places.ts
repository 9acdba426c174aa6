import { TenantKind, TenantLevel } from '../modules/tenant/tenant.enums';
import type { Random } from './demo-primitives';

/**
 * Where the demo's projects are built and what their names may call a place. A name only ever
 * names places on the way from the city down to where the project is built (its location, or its
 * owner when it builds on its own ground): a road of the central city is in a central sub-district,
 * a bridge crosses a river of its county, a highway section is named after the county it runs through.
 */

/** A tenant as the generator sees it. */
export interface DemoTenant {
  readonly code: string;
  readonly name: string;
  readonly level: TenantLevel;
  readonly kind: TenantKind;
  /** The county-level unit the tenant is in (itself for a county, none for the city). */
  readonly countyCode: string | undefined;
}

/** 德城区 -> 德城, 德州天衢新区 -> 天衢新区, 十里望回族镇 -> 十里望, but 糜镇 stays 糜镇. */
export function shortNameOf(tenant: DemoTenant): string {
  const name = tenant.name.replace(/^德州(?=.{3,})/, '');
  if (tenant.level === TenantLevel.CITY) return name.replace(/市$/, '');
  if (/(新区|开发区)$/.test(name)) return name;
  const short = name.replace(/(回族镇|街道|镇|乡|区|县|市)$/, '');
  return short.length >= 2 ? short : name;
}

/** A sub-district (街道): urban ground, no farmland. */
export function isSubdistrict(tenant: DemoTenant): boolean {
  return tenant.kind === TenantKind.SUBDISTRICT;
}

/**
 * The central city (中心城区): 德城区 and 德州天衢新区. City-wide urban works (heating, the central
 * roads, the city's parks and hospitals) are built in their sub-districts, nowhere else.
 */
const CENTRAL_COUNTIES = ['371402', '371471'];

/**
 * Rivers by county-level unit, as they cross it: a bridge or a wetland park on a river is built
 * in a county the river runs through.
 */
const RIVERS: Record<string, readonly string[]> = {
  '371402': ['岔河', '减河', '南运河'],
  '371403': ['马颊河', '德惠新河'],
  '371422': ['漳卫新河'],
  '371423': ['漳卫新河', '马颊河'],
  '371424': ['徒骇河', '德惠新河'],
  '371425': ['徒骇河'],
  '371426': ['马颊河', '德惠新河'],
  '371427': ['卫运河', '马颊河'],
  '371428': ['卫运河'],
  '371471': ['减河', '岔河'],
  '371481': ['马颊河', '德惠新河', '漳卫新河'],
  '371482': ['徒骇河'],
};

/** The trunk roads a county's section of a national or provincial road can be named after. */
const TRUNK_ROADS: Record<string, readonly string[]> = {
  '371402': ['国道104线', '省道314线'],
  '371403': ['省道314线', '省道248线'],
  '371422': ['省道314线', '省道240线'],
  '371423': ['省道240线', '省道315线'],
  '371424': ['省道248线', '省道316线'],
  '371425': ['国道104线', '国道308线', '省道316线'],
  '371426': ['国道104线', '省道315线'],
  '371427': ['国道308线', '省道253线'],
  '371428': ['省道253线', '省道315线'],
  '371471': ['国道104线', '省道314线'],
  '371481': ['省道240线', '省道248线'],
  '371482': ['国道104线', '省道316线'],
};

/**
 * 黄河涯镇 (德城区), on the edge of the central city: where the city builds its district heating
 * network, the demo's example of a work built in a town by a higher level (属地) that issue 13 and
 * the README give.
 */
const CITY_HEATING_TOWN = '371402101';

/** Street names end so: a road is named after the sub-district it runs through (新湖大街 in 新湖街道). */
const STREET_SUFFIXES = ['大街', '大道', '路', '东路', '西路', '北路', '南路'];

/** The tenants of the demo city, by what the generator asks of them. */
export class DemoPlaces {
  readonly city: DemoTenant;
  private readonly byCode: Map<string, DemoTenant>;
  private readonly townsByCounty = new Map<string, DemoTenant[]>();

  constructor(tenants: readonly DemoTenant[]) {
    const city = tenants.find((t) => t.level === TenantLevel.CITY);
    if (!city) throw new Error('the demo needs its city among the tenants');
    this.city = city;
    this.byCode = new Map(tenants.map((t) => [t.code, t]));
    // Town-level units such as 新区服务管理办公室 administer rather than build: nothing is built "in" them.
    for (const town of tenants.filter((t) => t.level === TenantLevel.TOWN && t.kind !== TenantKind.TOWN_LEVEL_UNIT)) {
      const list = this.townsByCounty.get(town.countyCode ?? '') ?? [];
      list.push(town);
      this.townsByCounty.set(town.countyCode ?? '', list);
    }
  }

  countyOf(tenant: DemoTenant): DemoTenant | undefined {
    return tenant.countyCode ? this.byCode.get(tenant.countyCode) : undefined;
  }

  counties(): DemoTenant[] {
    return [...this.byCode.values()].filter((t) => t.level === TenantLevel.COUNTY);
  }

  /** Towns and sub-districts of a county where projects are built. */
  townsOf(county: DemoTenant): readonly DemoTenant[] {
    return this.townsByCounty.get(county.code) ?? [];
  }

  /** The county seat's sub-districts (县城), or any town when a county has none. */
  seatOf(rng: Random, county: DemoTenant): DemoTenant {
    const towns = this.townsOf(county);
    const streets = towns.filter(isSubdistrict);
    return rng.pick(streets.length > 0 ? streets : towns);
  }

  /** A town or township (镇/乡) of the county: rural ground for farms, energy and rural works. */
  ruralTownOf(rng: Random, county: DemoTenant): DemoTenant {
    const towns = this.townsOf(county);
    const rural = towns.filter((t) => !isSubdistrict(t));
    return rng.pick(rural.length > 0 ? rural : towns);
  }

  /** A sub-district of the central city. */
  centralStreet(rng: Random): DemoTenant {
    return rng.pick(CENTRAL_COUNTIES.flatMap((code) => this.townsByCounty.get(code) ?? []).filter(isSubdistrict));
  }

  /** Where the city's heating network is built: 黄河涯镇, or a central sub-district in a tree without it. */
  cityHeatingTown(rng: Random): DemoTenant {
    return this.byCode.get(CITY_HEATING_TOWN) ?? this.centralStreet(rng);
  }

  /** A county-level unit outside the central city (for rural works a city builds). */
  outlyingCounty(rng: Random): DemoTenant {
    return rng.pick(this.counties().filter((c) => !CENTRAL_COUNTIES.includes(c.code)));
  }

  /** One of the rivers crossing the county. */
  riverOf(rng: Random, county: DemoTenant): string {
    return rng.pick(RIVERS[county.code] ?? ['减河']);
  }

  trunkRoadOf(rng: Random, county: DemoTenant): string {
    return rng.pick(TRUNK_ROADS[county.code] ?? ['省道314线']);
  }

  /** A road of the sub-district, named after it (渤海路街道 is named after its road already). */
  streetIn(rng: Random, street: DemoTenant): string {
    const short = shortNameOf(street);
    return /[路街]$/.test(short) ? short : `${short}${rng.pick(STREET_SUFFIXES)}`;
  }

  /** A sub-district of the central city: its ground is the city's streets, not fields or plants. */
  isCentralStreet(tenant: DemoTenant): boolean {
    return isSubdistrict(tenant) && CENTRAL_COUNTIES.includes(tenant.countyCode ?? '');
  }
}

// ---------------------------------------------------------------------------------------------
// Government units

/** The town's own government: 街道办事处 or 镇/乡人民政府. */
export function townGovernment(town: DemoTenant): string {
  return isSubdistrict(town) ? `${town.name}办事处` : `${town.name}人民政府`;
}

/** A department of a city or county government: 德州市财政局, 齐河县交通运输局. */
export function departmentOf(tenant: DemoTenant, department: string): string {
  return `${tenant.name}${department}`;
}

/** The state-owned urban investment company (城投) of a city or county. */
export function urbanInvestmentCompany(tenant: DemoTenant): string {
  return tenant.level === TenantLevel.CITY ? '德州市城市建设投资发展集团有限公司' : `${shortNameOf(tenant)}城市建设投资有限公司`;
}

/** The grid company's branch serving the county; the districts are served by the city's own. */
export function powerSupplyCompany(county: DemoTenant | undefined): string {
  return !county || /区$/.test(county.name) ? '国网德州供电公司' : `国网${county.name}供电公司`;
}

/** Since the 2019 reform, a county's environment bureau is a branch of the city's (德州市生态环境局齐河分局). */
export function environmentBureau(county: DemoTenant | undefined): string {
  return county ? `德州市生态环境局${shortNameOf(county)}分局` : '德州市生态环境局';
}
