import { ProjectCategory } from '../modules/project/project.enums';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import { energyCompany, investorCompany, localCompany, type Investor, type WorkKind } from './demo-names';
import {
  type DemoPlaces,
  type DemoTenant,
  departmentOf,
  environmentBureau,
  isSubdistrict,
  shortNameOf,
  townGovernment,
  urbanInvestmentCompany,
} from './demo-places';
import { type Hundredths, ONE_WAN, type Random } from './demo-primitives';

/**
 * What the demo's projects build, who builds them, where, and what they cost. Amounts follow from
 * the physical scale the construction content states (floor area, kilometres, megawatts, annual
 * capacity) times a unit cost, so a middle school, a bridge and a solar farm cost what such works
 * cost in Shandong, and a name never claims more than its amount pays for.
 */

// ---------------------------------------------------------------------------------------------
// Unit costs

interface Cost {
  /** The quantity the construction content states, in its own unit. */
  readonly quantity: readonly [number, number];
  /** 万元 per unit of quantity. */
  readonly rate: readonly [number, number];
  /** Quantities come in steps of this (whole 1,000 ㎡, whole kilometres ...). */
  readonly step: number;
}

/**
 * Unit costs and scales, one row per kind of work, in 万元. The seeds give the scale of a county's
 * list (seed 004: 28 projects, 3.72 亿 planned for the year; seed 002: the work is in "projects of a
 * few 亿"; seed 003: 老旧小区, 消防站, 岔河 greening, 年产30万吨 concrete materials); the unit costs are
 * the ones Shandong's feasibility studies use. Each comment gives the range the row produces.
 */
export const COSTS = {
  // Buildings, per ㎡ of floor area, fit-out and equipment included.
  middleSchool: { quantity: [30_000, 60_000], rate: [0.28, 0.36], step: 1000 }, // 48-84 classes: 0.84-2.2 亿
  primarySchool: { quantity: [18_000, 36_000], rate: [0.26, 0.34], step: 1000 }, // 30-60 classes: 0.47-1.2 亿
  townSchoolBuilding: { quantity: [8_000, 18_000], rate: [0.26, 0.34], step: 500 }, // a town school's new blocks: 0.21-0.61 亿
  kindergarten: { quantity: [3_000, 6_000], rate: [0.3, 0.4], step: 500 }, // 9-15 classes: 900-2,400 万
  cityHospital: { quantity: [60_000, 140_000], rate: [0.5, 0.65], step: 5000 }, // a 三甲 ward block or new campus: 3-9 亿
  countyHospital: { quantity: [30_000, 80_000], rate: [0.45, 0.6], step: 1000 }, // a county hospital's ward block: 1.35-4.8 亿
  townHealthCentre: { quantity: [5_000, 12_000], rate: [0.35, 0.45], step: 500 }, // 1,750-5,400 万
  communityHealthCentre: { quantity: [3_000, 8_000], rate: [0.35, 0.45], step: 500 }, // 1,050-3,600 万
  diseaseControl: { quantity: [10_000, 25_000], rate: [0.45, 0.6], step: 1000 }, // laboratories: 0.45-1.5 亿
  fitnessCentre: { quantity: [15_000, 40_000], rate: [0.45, 0.6], step: 1000 }, // gymnasium and pool: 0.68-2.4 亿
  vocationalCentre: { quantity: [20_000, 60_000], rate: [0.3, 0.4], step: 1000 }, // 0.6-2.4 亿
  fireStations: { quantity: [2, 4], rate: [1800, 3000], step: 1 }, // per station with its vehicles: 0.36-1.2 亿
  // Housing, per flat or household.
  affordableHousing: { quantity: [400, 1600], rate: [28, 40], step: 50 }, // 65-70 ㎡ flats: 1.1-6.4 亿
  oldResidentialCity: { quantity: [4_000, 10_000], rate: [2.5, 4], step: 100 }, // per household: 1-4 亿
  oldResidentialCounty: { quantity: [1_500, 5_000], rate: [2.5, 4], step: 100 }, // 0.38-2 亿
  oldResidentialStreet: { quantity: [500, 2_000], rate: [2.5, 4], step: 50 }, // 1,250-8,000 万
  elderlyCareCounty: { quantity: [200, 500], rate: [15, 25], step: 10 }, // per bed: 0.3-1.25 亿
  elderlyCareTown: { quantity: [80, 200], rate: [15, 25], step: 10 }, // 1,200-5,000 万
  // Roads and bridges, per kilometre (bridges per metre).
  highwaySection: { quantity: [8, 30], rate: [2500, 5000], step: 1 }, // 一级公路 widening, land included: 2-15 亿
  urbanRoad: { quantity: [2, 8], rate: [4000, 8000], step: 1 }, // 城市主干路 with its pipes: 0.8-6.4 亿
  ruralRoadsCounty: { quantity: [60, 200], rate: [100, 160], step: 5 }, // 0.6-3.2 亿
  ruralRoadsTown: { quantity: [20, 80], rate: [120, 180], step: 1 }, // a township's roads: 0.24-1.44 亿
  bridge: { quantity: [500, 1400], rate: [40, 55], step: 10 }, // per metre of bridge: 2-7.7 亿
  railSiding: { quantity: [5, 15], rate: [3000, 5000], step: 1 }, // 1.5-7.5 亿
  // Urban networks and parks.
  heatingNetworkCity: { quantity: [30, 80], rate: [900, 1300], step: 1 }, // per km with its exchange stations: 2.7-10.4 亿
  heatingNetworkCounty: { quantity: [10, 40], rate: [800, 1200], step: 1 }, // 0.8-4.8 亿
  sewagePlantCity: { quantity: [10, 20], rate: [1500, 2500], step: 1 }, // per 万吨/日 upgraded: 1.5-5 亿
  sewagePlantCounty: { quantity: [2, 8], rate: [1500, 2500], step: 1 }, // 0.3-2 亿
  stormwaterSeparation: { quantity: [10, 60], rate: [400, 700], step: 1 }, // per km of sewer: 0.4-4.2 亿
  urbanRenewal: { quantity: [100, 400], rate: [150, 300], step: 10 }, // per 亩 of the area: 1.5-12 亿
  wetlandPark: { quantity: [500, 2000], rate: [5, 12], step: 50 }, // per 亩: 0.25-2.4 亿
  riversideGreening: { quantity: [300, 1200], rate: [8, 15], step: 50 }, // per 亩: 0.24-1.8 亿
  ruralSewageCounty: { quantity: [20, 80], rate: [100, 200], step: 1 }, // per village: 0.2-1.6 亿
  ruralSewageTown: { quantity: [8, 25], rate: [100, 200], step: 1 }, // 800-5,000 万
  // Energy, per MW (storage per MWh).
  solarFarm: { quantity: [50, 200], rate: [380, 480], step: 50 }, // 3.8-4.8 元/W: 50 MW 1.9-2.4 亿
  solarFarmCity: { quantity: [200, 300], rate: [380, 480], step: 50 }, // 7.6-14.4 亿
  rooftopSolar: { quantity: [6, 20], rate: [350, 420], step: 2 }, // distributed: 2,100-8,400 万
  windFarm: { quantity: [50, 200], rate: [550, 700], step: 50 }, // 5.5-7 元/W: 2.75-14 亿
  energyStorage: { quantity: [200, 400], rate: [120, 160], step: 200 }, // 1.2-1.6 元/Wh: 2.4-6.4 亿
  biomassPower: { quantity: [30, 40], rate: [900, 1200], step: 10 }, // 2.7-4.8 亿
  // Industry: new plants are costed by their capacity (FACTORY_LINES); these by what they build.
  technicalUpgradeCounty: { quantity: [80, 400], rate: [40, 80], step: 10 }, // per set of equipment: 0.32-3.2 亿
  technicalUpgradeTown: { quantity: [40, 200], rate: [40, 80], step: 10 }, // 0.16-1.6 亿
  industrialPark: { quantity: [100_000, 300_000], rate: [0.25, 0.35], step: 10_000 }, // standard factory buildings: 2.5-10.5 亿
  // Farming.
  farmlandCounty: { quantity: [20_000, 60_000], rate: [0.2, 0.3], step: 1000 }, // 2,000-3,000 元/亩: 0.4-1.8 亿
  farmlandTown: { quantity: [5_000, 15_000], rate: [0.2, 0.3], step: 500 }, // 1,000-4,500 万
  agriParkCounty: { quantity: [500, 1500], rate: [15, 30], step: 50 }, // per 亩 with greenhouses and plant: 0.75-4.5 亿
  agriParkTown: { quantity: [200, 600], rate: [15, 30], step: 50 }, // 0.3-1.8 亿
  coldChainCounty: { quantity: [30_000, 80_000], rate: [0.15, 0.25], step: 5000 }, // per m³ of cold store with its hall: 0.45-2 亿
  coldChainTown: { quantity: [10_000, 40_000], rate: [0.15, 0.25], step: 5000 }, // 0.15-1 亿
  greenhouses: { quantity: [50, 300], rate: [25, 50], step: 10 }, // per greenhouse: 0.13-1.5 亿
  villageClusterCounty: { quantity: [10, 20], rate: [400, 800], step: 1 }, // per village: 0.4-1.6 亿
  villageClusterTown: { quantity: [5, 12], rate: [400, 800], step: 1 }, // 0.2-0.96 亿
} as const satisfies Record<string, Cost>;

/** Annual capacity of one kind of plant: what a town's or a county's plant produces, and its cost per unit. */
interface FactoryLine {
  readonly product: string;
  /** The trade in a company's name (德州某某新材料有限公司). */
  readonly trade: string;
  /** The industry as an investment-attraction ledger writes it. */
  readonly industry: string;
  /** Unit of the annual capacity (吨, 台, 米 ...), written with 万/亿 as quantities grow. */
  readonly unit: string;
  /** Capacity choices for a town's plant (none: towns do not host it) and a county's or the city's. */
  readonly town: readonly number[];
  readonly county: readonly number[];
  /** 万元 per unit of annual capacity. */
  readonly rate: readonly [number, number];
}

/**
 * 德州's industries (functional sugar in 禹城, fitness equipment in 宁津, textiles in 夏津, air
 * conditioning, glass fibre, motors ...), each with the cost of a unit of annual capacity, so that a
 * 30,000-unit air-conditioner plant costs 3-5 亿, not 43 亿.
 */
export const FACTORY_LINES: readonly FactoryLine[] = [
  { product: '新型建材', trade: '新材料', industry: '新型建材', unit: '吨', town: [100_000, 200_000, 300_000], county: [300_000, 500_000, 1_000_000], rate: [0.015, 0.025] }, // 30万吨: 0.45-0.75 亿 (seed 003)
  { product: '功能糖', trade: '生物科技', industry: '生物制造', unit: '吨', town: [5_000, 10_000], county: [20_000, 30_000, 50_000], rate: [0.8, 1.5] }, // 1万吨: 0.8-1.5 亿
  { product: '生物基新材料', trade: '新材料', industry: '新材料', unit: '吨', town: [], county: [10_000, 20_000, 30_000, 50_000], rate: [1.2, 2] }, // 1万吨: 1.2-2 亿
  { product: '高性能玻璃纤维', trade: '新材料', industry: '新材料', unit: '吨', town: [10_000, 20_000], county: [30_000, 50_000, 80_000, 100_000], rate: [0.6, 0.9] }, // 5万吨: 3-4.5 亿
  { product: '精细化工中间体', trade: '化工', industry: '精细化工', unit: '吨', town: [], county: [10_000, 20_000, 30_000, 50_000], rate: [0.5, 0.9] }, // in the county's chemical park only
  { product: '高端不锈钢管材', trade: '金属制品', industry: '高端装备', unit: '吨', town: [20_000, 30_000, 50_000], county: [50_000, 100_000, 150_000, 200_000], rate: [0.15, 0.3] }, // 10万吨: 1.5-3 亿
  { product: '绿色饲料', trade: '农牧科技', industry: '农副产品加工', unit: '吨', town: [100_000, 200_000], county: [200_000, 300_000, 500_000], rate: [0.03, 0.05] }, // 20万吨: 0.6-1 亿
  { product: '预制菜', trade: '食品', industry: '食品加工', unit: '吨', town: [10_000, 20_000, 30_000], county: [30_000, 50_000, 100_000], rate: [0.2, 0.4] }, // 5万吨: 1-2 亿
  { product: '中央空调机组', trade: '空调设备', industry: '高端装备', unit: '台', town: [5_000, 10_000], county: [10_000, 20_000, 30_000], rate: [1, 1.6] }, // 3万台: 3-4.8 亿
  { product: '新能源汽车零部件', trade: '汽车零部件', industry: '汽车零部件', unit: '套', town: [50_000, 100_000], county: [100_000, 200_000, 300_000, 500_000], rate: [0.05, 0.15] }, // 30万套: 1.5-4.5 亿
  { product: '智能健身器材', trade: '体育用品', industry: '体育用品', unit: '台（套）', town: [50_000, 100_000], county: [100_000, 200_000, 300_000], rate: [0.03, 0.08] }, // 20万台: 0.6-1.6 亿
  { product: '高效节能电机', trade: '电机', industry: '高端装备', unit: '台', town: [50_000, 100_000], county: [100_000, 200_000, 300_000, 500_000], rate: [0.05, 0.1] }, // 30万台: 1.5-3 亿
  { product: '智能农机装备', trade: '机械制造', industry: '高端装备', unit: '台（套）', town: [300, 500], county: [500, 1000, 2000], rate: [15, 30] }, // 1,000台: 1.5-3 亿
  { product: '锂电池隔膜', trade: '新能源科技', industry: '新能源', unit: '平方米', town: [], county: [100_000_000, 200_000_000], rate: [0.0003, 0.0005] }, // 1亿㎡: 3-5 亿
  { product: '医用防护用品', trade: '医疗器械', industry: '生物医药', unit: '件', town: [50_000_000], county: [100_000_000, 200_000_000, 300_000_000], rate: [0.00003, 0.00006] }, // 1亿件: 0.3-0.6 亿
  { product: '原料药', trade: '药业', industry: '生物医药', unit: '吨', town: [], county: [100, 200, 500], rate: [20, 50] }, // 500吨: 1-2.5 亿
  { product: '高档纺织面料', trade: '纺织', industry: '纺织服装', unit: '米', town: [5_000_000, 10_000_000], county: [10_000_000, 20_000_000, 30_000_000, 50_000_000], rate: [0.0003, 0.0006] }, // 3000万米: 0.9-1.8 亿
];

/** 300000 吨 -> 30万吨, 100000000 平方米 -> 1亿平方米, 500 台（套）-> 500台（套）. */
export function capacityText(quantity: number, unit: string): string {
  if (quantity >= 100_000_000 && quantity % 100_000_000 === 0) return `${quantity / 100_000_000}亿${unit}`;
  if (quantity >= 10_000 && quantity % 10_000 === 0) return `${quantity / 10_000}万${unit}`;
  return `${quantity}${unit}`;
}

/** 15000 亩 -> 1.5万亩. */
function muText(mu: number): string {
  return mu >= 10_000 ? `${mu / 10_000}万亩` : `${mu}亩`;
}

function quantityOf(rng: Random, cost: Cost): number {
  const [min, max] = cost.quantity;
  return min + cost.step * rng.int(0, Math.floor((max - min) / cost.step));
}

/**
 * quantity × a unit cost, as officials write amounts: mostly round (to 100 万 above 1 亿, to 10 万
 * below), some to the 万元, a few with decimals. Rounding never leaves the cost's range by more than 1%.
 */
function amountOf(rng: Random, quantity: number, rate: readonly [number, number]): Hundredths {
  const wan = quantity * rng.float(rate[0], rate[1]);
  const roll = rng.next();
  if (roll < 0.6) {
    const step = wan >= 10_000 ? 100 : 10;
    return Math.max(step, Math.round(wan / step) * step) * ONE_WAN;
  }
  if (roll < 0.88) return Math.max(1, Math.round(wan)) * ONE_WAN;
  return Math.round(wan * ONE_WAN);
}

function costed(rng: Random, cost: Cost): { quantity: number; total: Hundredths } {
  const quantity = quantityOf(rng, cost);
  return { quantity, total: amountOf(rng, quantity, cost.rate) };
}

// ---------------------------------------------------------------------------------------------
// Works

/** What the generator makes of a project: its words, its money and where it is built. */
export interface WorkPlan {
  kind: WorkKind;
  category: ProjectCategory;
  name: string;
  ownerUnit: string;
  constructionContent: string;
  /** Privately owned (备案 code, a contract to sign) rather than government-built. */
  isEnterprise: boolean;
  total: Hundredths;
  /** Where it is built when not on the owner's own ground. */
  location: DemoTenant | undefined;
  /** The company from elsewhere the project was attracted from (招商引资): it has a lead. */
  investor?: Investor;
}

/** Who owns a project, as the catalogue distinguishes them: a sub-district builds no farms. */
type OwnerClass = 'CITY' | 'COUNTY' | 'SUBDISTRICT' | 'TOWN';

function ownerClassOf(owner: DemoTenant): OwnerClass {
  if (owner.level === TenantLevel.CITY) return 'CITY';
  if (owner.level === TenantLevel.COUNTY) return 'COUNTY';
  return isSubdistrict(owner) ? 'SUBDISTRICT' : 'TOWN';
}

interface Site {
  owner: DemoTenant;
  /** The owner's county (none for the city). */
  county: DemoTenant | undefined;
  class: OwnerClass;
  places: DemoPlaces;
}

interface Work {
  readonly kind: WorkKind;
  /** How often each owner takes this work on; absent: never. */
  readonly weights: Partial<Record<OwnerClass, number>>;
  plan(rng: Random, site: Site): WorkPlan;
}

/** The county a city project is built in, and where in it. */
function cityIndustrialSite(rng: Random, places: DemoPlaces): { county: DemoTenant; location: DemoTenant } {
  const county = rng.pick(places.counties());
  return { county, location: rng.pick(places.townsOf(county)) };
}

/** The name a place goes by in a project's name: 德州市 or 德州, 齐河县 or 齐河, 临南镇 or 临南. */
function placeName(rng: Random, tenant: DemoTenant): string {
  return rng.chance(0.5) ? tenant.name : shortNameOf(tenant);
}

/** Department of the owner's government, or the town government for a town. */
function governmentUnit(site: Site, department: string): string {
  return site.class === 'CITY' || site.class === 'COUNTY' ? departmentOf(site.owner, department) : townGovernment(site.owner);
}

/** A county's unit for a town's work (a town's school is built by the county's education bureau). */
function countyUnit(site: Site, department: string): string {
  return departmentOf(site.county ?? site.places.city, department);
}

const ORDINALS = ['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function factoryWork(site: Site, rng: Random, line: FactoryLine, capacity: number, category: ProjectCategory, location: DemoTenant | undefined): WorkPlan {
  const total = amountOf(rng, capacity, line.rate);
  const where = location ?? site.owner;
  const investor = category === ProjectCategory.INVESTMENT_ATTRACTION ? investorCompany(rng, line.trade, line.industry) : undefined;
  const firm = investor ?? localCompany(rng, line.trade, site.county ?? site.places.city);
  const capacityWords = capacityText(capacity, line.unit);
  const prefix = rng.weighted([[firm.short, 5], [shortNameOf(where), 3]] as const);
  const name = rng.pick([`${prefix}年产${capacityWords}${line.product}项目`, `${firm.short}${line.product}生产基地项目`]);
  const area = Math.max(5000, Math.round((total / ONE_WAN) * rng.float(1.0, 2.0) / 1000) * 1000);
  const equipment = Math.max(20, Math.round(total / ONE_WAN / rng.float(50, 150)));
  return {
    kind: 'FACTORY',
    category,
    name,
    ownerUnit: firm.name,
    constructionContent: `新建生产车间、仓库及配套用房，总建筑面积${area}平方米，购置${line.product}生产设备${equipment}台（套），建成后形成年产${capacityWords}${line.product}生产能力。`,
    isEnterprise: true,
    total,
    location,
    investor,
  };
}

export const WORKS: Record<string, Work> = {
  newPlant: {
    kind: 'FACTORY',
    weights: { CITY: 6, COUNTY: 26, SUBDISTRICT: 10, TOWN: 20 },
    plan(rng, site) {
      const isTown = site.class === 'SUBDISTRICT' || site.class === 'TOWN';
      const line = rng.pick(FACTORY_LINES.filter((l) => (isTown ? l.town : l.county).length > 0));
      const choices = isTown ? line.town : site.class === 'CITY' ? line.county.slice(-2) : line.county;
      const capacity = rng.pick(choices);
      let location: DemoTenant | undefined;
      if (site.class === 'CITY') location = cityIndustrialSite(rng, site.places).location;
      else if (site.class === 'COUNTY') location = rng.pick(site.places.townsOf(site.owner));
      const category =
        site.class === 'CITY'
          ? rng.weighted([[ProjectCategory.KEY_PROVINCIAL_CITY, 7], [ProjectCategory.INVESTMENT_ATTRACTION, 3]] as const)
          : site.class === 'COUNTY'
            ? rng.weighted([[ProjectCategory.KEY_PROVINCIAL_CITY, 5], [ProjectCategory.INVESTMENT_ATTRACTION, 5]] as const)
            : rng.weighted([[ProjectCategory.INVESTMENT_ATTRACTION, 7], [ProjectCategory.OTHER, 3]] as const);
      return factoryWork(site, rng, line, capacity, category, location);
    },
  },
  technicalUpgrade: {
    kind: 'FACTORY',
    weights: { COUNTY: 10, SUBDISTRICT: 8, TOWN: 14 },
    plan(rng, site) {
      const line = rng.pick(FACTORY_LINES.filter((l) => l.town.length > 0));
      const { quantity, total } = costed(rng, site.class === 'COUNTY' ? COSTS.technicalUpgradeCounty : COSTS.technicalUpgradeTown);
      const location = site.class === 'COUNTY' ? rng.pick(site.places.townsOf(site.owner)) : undefined;
      const firm = localCompany(rng, line.trade, site.county ?? site.places.city);
      const name = rng.pick([
        `${firm.short}${line.product}生产线技术改造项目`,
        `${firm.short}${line.product}智能化数字化改造项目`,
        `${firm.short}${line.product}扩产技改项目`,
      ]);
      return {
        kind: 'FACTORY',
        category: ProjectCategory.INDUSTRIAL_UPGRADE,
        name,
        ownerUnit: firm.name,
        constructionContent: `对现有${line.product}生产线实施智能化改造，购置生产及检测设备${quantity}台（套），改造生产车间${rng.int(5, 30) * 1000}平方米。`,
        isEnterprise: true,
        total,
        location,
      };
    },
  },
  industrialPark: {
    kind: 'FACTORY',
    weights: { CITY: 3, COUNTY: 5 },
    plan(rng, site) {
      const county = site.county ?? cityIndustrialSite(rng, site.places).county;
      const location = site.places.seatOf(rng, county);
      const industry = rng.pick(['高端装备', '新材料', '生物医药', '新能源', '食品加工', '纺织服装']);
      const { quantity, total } = costed(rng, COSTS.industrialPark);
      return {
        kind: 'FACTORY',
        category: ProjectCategory.KEY_PROVINCIAL_CITY,
        name: `${shortNameOf(county)}${industry}产业园标准化厂房项目`,
        ownerUnit: urbanInvestmentCompany(site.county ?? site.owner),
        constructionContent: `建设标准化厂房及配套用房${quantity}平方米，配套建设园区道路、供水、供电及污水管网。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
  solarFarm: {
    kind: 'ENERGY',
    weights: { CITY: 2, COUNTY: 6, TOWN: 4 },
    plan(rng, site) {
      const isTown = site.class === 'TOWN';
      const cost = isTown ? COSTS.rooftopSolar : site.class === 'CITY' ? COSTS.solarFarmCity : COSTS.solarFarm;
      const { quantity: mw, total } = costed(rng, cost);
      const county = site.county ?? site.places.outlyingCounty(rng);
      const location = isTown ? undefined : site.places.ruralTownOf(rng, county);
      const where = location ?? site.owner;
      const attracted = rng.chance(isTown ? 0.6 : 0.35);
      const investor = attracted ? investorCompany(rng, '新能源科技', '新能源') : undefined;
      const ownerUnit = investor?.name ?? (isTown ? localCompany(rng, '新能源', county).name : energyCompany(rng, county));
      const name = isTown
        ? `${placeName(rng, where)}${mw}MW分布式光伏发电项目`
        : `${placeName(rng, where)}${mw}MW${rng.pick(['农光互补', '渔光互补', '农光储一体化'])}光伏发电项目`;
      return {
        kind: 'ENERGY',
        category: attracted ? ProjectCategory.INVESTMENT_ATTRACTION : isTown ? ProjectCategory.OTHER : ProjectCategory.KEY_PROVINCIAL_CITY,
        name,
        ownerUnit,
        constructionContent: isTown
          ? `利用工业厂房及公共建筑屋顶建设分布式光伏${mw}MW，安装光伏组件约${Math.round((mw * 1_000_000) / 550)}块。`
          : `建设规模${mw}MW，安装光伏组件约${Math.round((mw * 1_000_000) / 580)}块，配套建设110kV升压站及集电线路。`,
        isEnterprise: true,
        total,
        location,
        investor,
      };
    },
  },
  windFarm: {
    kind: 'ENERGY',
    weights: { CITY: 1, COUNTY: 3 },
    plan(rng, site) {
      const { quantity: mw, total } = costed(rng, COSTS.windFarm);
      const county = site.county ?? site.places.outlyingCounty(rng);
      const location = site.places.ruralTownOf(rng, county);
      const turbine = rng.pick([5, 6.25]);
      return {
        kind: 'ENERGY',
        category: ProjectCategory.KEY_PROVINCIAL_CITY,
        name: `${placeName(rng, county)}${mw}MW风电项目`,
        ownerUnit: energyCompany(rng, county),
        constructionContent: `安装单机容量${turbine}MW风电机组${Math.ceil(mw / turbine)}台，配套建设220kV升压站及送出线路。`,
        isEnterprise: true,
        total,
        location,
      };
    },
  },
  energyStorage: {
    kind: 'ENERGY',
    weights: { CITY: 1, COUNTY: 2 },
    plan(rng, site) {
      const { quantity: mwh, total } = costed(rng, COSTS.energyStorage);
      const county = site.county ?? site.places.outlyingCounty(rng);
      const location = site.places.ruralTownOf(rng, county);
      return {
        kind: 'ENERGY',
        category: ProjectCategory.KEY_PROVINCIAL_CITY,
        name: `${placeName(rng, county)}${mwh / 2}MW/${mwh}MWh独立储能电站项目`,
        ownerUnit: energyCompany(rng, county),
        constructionContent: `建设${mwh / 2}MW/${mwh}MWh磷酸铁锂储能系统，配套建设220kV升压站及送出线路。`,
        isEnterprise: true,
        total,
        location,
      };
    },
  },
  biomassPower: {
    kind: 'ENERGY',
    weights: { COUNTY: 1 },
    plan(rng, site) {
      const { quantity: mw, total } = costed(rng, COSTS.biomassPower);
      const county = site.county ?? site.owner;
      return {
        kind: 'ENERGY',
        category: ProjectCategory.KEY_PROVINCIAL_CITY,
        name: `${placeName(rng, county)}生物质热电联产项目`,
        ownerUnit: energyCompany(rng, county),
        constructionContent: `建设${mw}MW生物质发电机组及配套供热管网，年消纳秸秆等农林废弃物约${mw}万吨。`,
        isEnterprise: true,
        total,
        location: site.places.ruralTownOf(rng, county),
      };
    },
  },
  highwaySection: {
    kind: 'ROAD',
    weights: { CITY: 3, COUNTY: 2 },
    plan(rng, site) {
      const county = site.county ?? site.owner;
      const route = site.class === 'CITY' ? rng.pick(site.places.counties()) : county;
      const { quantity: km, total } = costed(rng, COSTS.highwaySection);
      return {
        kind: 'ROAD',
        category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
        name: `${site.places.trunkRoadOf(rng, route)}${shortNameOf(route)}段改扩建工程`,
        ownerUnit: site.class === 'CITY' ? rng.pick(['德州市交通运输局', '德州市交通发展集团有限公司']) : departmentOf(county, '交通运输局'),
        constructionContent: `全长${km}公里，按一级公路标准改扩建，路基宽度${rng.pick([24.5, 25.5, 32])}米，同步实施桥涵、排水及交通安全设施。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? route : undefined,
      };
    },
  },
  urbanRoad: {
    kind: 'ROAD',
    weights: { CITY: 4, COUNTY: 4 },
    plan(rng, site) {
      const location = site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner);
      const { quantity: km, total } = costed(rng, COSTS.urbanRoad);
      const road = site.places.streetIn(rng, location);
      return {
        kind: 'ROAD',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}${road}${rng.pick(['道路及配套管网工程', '改造提升工程', '新建工程'])}`,
        ownerUnit: rng.chance(0.6) ? departmentOf(site.owner, '住房和城乡建设局') : urbanInvestmentCompany(site.owner),
        constructionContent: `全长${km}公里，按城市主干路标准建设，红线宽度${rng.pick([30, 40, 50])}米，同步实施雨污水、给水、照明及绿化工程。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
  ruralRoads: {
    kind: 'ROAD',
    weights: { COUNTY: 3, TOWN: 5 },
    plan(rng, site) {
      const { quantity: km, total } = costed(rng, site.class === 'COUNTY' ? COSTS.ruralRoadsCounty : COSTS.ruralRoadsTown);
      return {
        kind: 'ROAD',
        category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
        name: `${site.owner.name}农村公路提档升级工程`,
        ownerUnit: governmentUnit(site, '交通运输局'),
        constructionContent: `改造提升农村公路${km}公里，路面加宽至${rng.pick([4.5, 5, 6])}米，同步完善排水及安全防护设施。`,
        isEnterprise: false,
        total,
        location: undefined,
      };
    },
  },
  bridge: {
    kind: 'ROAD',
    weights: { CITY: 1, COUNTY: 2 },
    plan(rng, site) {
      const location = site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.ruralTownOf(rng, site.owner);
      const river = site.places.riverOf(rng, site.places.countyOf(location) ?? site.owner);
      const { quantity: metres, total } = costed(rng, COSTS.bridge);
      return {
        kind: 'ROAD',
        category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
        name: `${site.owner.name}${river}大桥工程`,
        ownerUnit: site.class === 'CITY' ? '德州市交通运输局' : departmentOf(site.owner, '交通运输局'),
        constructionContent: `桥梁全长${metres}米，桥面宽度${rng.pick([25.5, 33, 40])}米，配套建设两岸引道及防洪设施。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
  railSiding: {
    kind: 'ROAD',
    weights: { COUNTY: 1 },
    plan(rng, site) {
      const { quantity: km, total } = costed(rng, COSTS.railSiding);
      return {
        kind: 'ROAD',
        category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
        name: `${shortNameOf(site.owner)}物流园铁路专用线工程`,
        ownerUnit: urbanInvestmentCompany(site.owner),
        constructionContent: `新建铁路专用线${km}公里，配套建设装卸线及货场。`,
        isEnterprise: false,
        total,
        location: site.places.ruralTownOf(rng, site.owner),
      };
    },
  },
  heatingNetwork: {
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 2 },
    plan(rng, site) {
      const isCity = site.class === 'CITY';
      const { quantity: km, total } = costed(rng, isCity ? COSTS.heatingNetworkCity : COSTS.heatingNetworkCounty);
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: isCity ? '德州市中心城区集中供热管网改造工程' : `${site.owner.name}城区集中供热管网改造工程`,
        ownerUnit: rng.chance(0.5) ? urbanInvestmentCompany(site.owner) : departmentOf(site.owner, '住房和城乡建设局'),
        constructionContent: `新建及改造供热管网${km}公里，新建换热站${Math.max(3, Math.round(km / rng.float(2, 4)))}座。`,
        isEnterprise: false,
        total,
        location: isCity ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  sewagePlant: {
    kind: 'UTILITY',
    weights: { CITY: 1, COUNTY: 3 },
    plan(rng, site) {
      const isCity = site.class === 'CITY';
      const { quantity, total } = costed(rng, isCity ? COSTS.sewagePlantCity : COSTS.sewagePlantCounty);
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}${rng.pick(['城东', '城西', '城南', '第二'])}污水处理厂提标改造工程`,
        ownerUnit: rng.chance(0.6) ? departmentOf(site.owner, '水务局') : urbanInvestmentCompany(site.owner),
        constructionContent: `新建深度处理单元，处理规模${quantity}万吨/日，出水达到地表水准Ⅳ类标准。`,
        isEnterprise: false,
        total,
        location: isCity ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  stormwaterSeparation: {
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 3 },
    plan(rng, site) {
      const isCity = site.class === 'CITY';
      const { quantity: km, total } = costed(rng, COSTS.stormwaterSeparation);
      const rain = Math.round(km * rng.float(0.4, 0.6));
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}${isCity ? '中心城区' : '城区'}雨污分流改造工程`,
        ownerUnit: rng.chance(0.6) ? departmentOf(site.owner, '住房和城乡建设局') : urbanInvestmentCompany(site.owner),
        constructionContent: `新建雨水管网${rain}公里、污水管网${km - rain}公里，改造混接点${rng.int(50, 400)}处。`,
        isEnterprise: false,
        total,
        location: isCity ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  oldResidential: {
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 3, SUBDISTRICT: 6 },
    plan(rng, site) {
      const cost = site.class === 'CITY' ? COSTS.oldResidentialCity : site.class === 'COUNTY' ? COSTS.oldResidentialCounty : COSTS.oldResidentialStreet;
      const { quantity: households, total } = costed(rng, cost);
      const estates = Math.max(2, Math.round(households / rng.float(150, 300)));
      const area = site.class === 'CITY' ? '德州市中心城区' : site.class === 'COUNTY' ? `${site.owner.name}城区` : site.owner.name;
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${area}老旧小区改造项目`,
        ownerUnit: governmentUnit(site, '住房和城乡建设局'),
        constructionContent: `改造老旧小区${estates}个，涉及${households}户，实施管网更新、外墙保温、加装电梯及配套设施改造。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? site.places.centralStreet(rng) : site.class === 'COUNTY' ? site.places.seatOf(rng, site.owner) : undefined,
      };
    },
  },
  urbanRenewal: {
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 2 },
    plan(rng, site) {
      const location = site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner);
      const { quantity: mu, total } = costed(rng, COSTS.urbanRenewal);
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}${shortNameOf(location)}片区城市更新项目`,
        ownerUnit: urbanInvestmentCompany(site.owner),
        constructionContent: `实施片区改造，总占地${mu}亩，建设安置住房${Math.round((mu * rng.float(6, 10)) / 10) * 10}套及道路、学校等配套设施。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
  wetlandPark: {
    kind: 'UTILITY',
    weights: { CITY: 1, COUNTY: 2 },
    plan(rng, site) {
      const location = site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.ruralTownOf(rng, site.owner);
      const river = site.places.riverOf(rng, site.places.countyOf(location) ?? site.owner);
      const { quantity: mu, total } = costed(rng, COSTS.wetlandPark);
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}${river}湿地公园建设项目`,
        ownerUnit: rng.chance(0.6) ? departmentOf(site.owner, '住房和城乡建设局') : urbanInvestmentCompany(site.owner),
        constructionContent: `建设湿地公园${mu}亩，实施水系连通、生态修复及游园设施。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
  riversideGreening: {
    kind: 'UTILITY',
    weights: { CITY: 1 },
    plan(rng, site) {
      const location = site.places.centralStreet(rng);
      const river = site.places.riverOf(rng, site.places.countyOf(location) ?? site.owner);
      const { quantity: mu, total } = costed(rng, COSTS.riversideGreening);
      return {
        kind: 'UTILITY',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `德州市${river}${rng.pick(['西岸', '东岸'])}景观绿化提升工程`,
        ownerUnit: rng.pick(['德州市城市管理局', urbanInvestmentCompany(site.owner)]),
        constructionContent: `实施滨河景观绿化${mu}亩，建设慢行步道${rng.int(3, 12)}公里及配套服务设施。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
  fireStations: {
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    plan(rng, site) {
      const isCity = site.class === 'CITY';
      const { quantity: stations, total } = costed(rng, COSTS.fireStations);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}${isCity ? '中心城区' : '城区'}消防站建设项目`,
        ownerUnit: isCity ? '德州市消防救援支队' : `${site.owner.name}消防救援大队`,
        constructionContent: `新建${stations}座一级普通消防站，总建筑面积${stations * rng.int(35, 50) * 100}平方米，配置消防车辆及装备。`,
        isEnterprise: false,
        total,
        location: isCity ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  affordableHousing: {
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 2 },
    plan(rng, site) {
      const { quantity: flats, total } = costed(rng, COSTS.affordableHousing);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.URBAN_CONSTRUCTION,
        name: `${site.owner.name}保障性租赁住房项目`,
        ownerUnit: rng.chance(0.5) ? urbanInvestmentCompany(site.owner) : departmentOf(site.owner, '住房和城乡建设局'),
        constructionContent: `建设保障性租赁住房${flats}套，总建筑面积${Math.round((flats * rng.float(65, 70)) / 100) * 100}平方米。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  ruralSewage: {
    kind: 'UTILITY',
    weights: { COUNTY: 2, TOWN: 3 },
    plan(rng, site) {
      const isCounty = site.class === 'COUNTY';
      const { quantity: villages, total } = costed(rng, isCounty ? COSTS.ruralSewageCounty : COSTS.ruralSewageTown);
      return {
        kind: 'UTILITY',
        category: ProjectCategory.OTHER,
        name: `${site.owner.name}农村生活污水治理项目`,
        ownerUnit: isCounty ? rng.pick([environmentBureau(site.owner), departmentOf(site.owner, '水务局')]) : townGovernment(site.owner),
        constructionContent: `治理行政村${villages}个，新建污水收集管网及一体化处理设施。`,
        isEnterprise: false,
        total,
        location: undefined,
      };
    },
  },
  hospital: {
    kind: 'BUILDING',
    weights: { CITY: 2, COUNTY: 3 },
    plan(rng, site) {
      const isCity = site.class === 'CITY';
      const { quantity: area, total } = costed(rng, isCity ? COSTS.cityHospital : COSTS.countyHospital);
      const hospital = isCity ? rng.pick(['德州市人民医院', '德州市中医院', '德州市妇女儿童医院']) : `${site.owner.name}${rng.pick(['人民医院', '中医院'])}`;
      const building = isCity ? rng.pick(['新院区建设项目', '病房综合楼项目']) : rng.pick(['病房综合楼项目', '门急诊综合楼项目']);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${hospital}${building}`,
        ownerUnit: hospital,
        constructionContent: `新建${building.replace(/(建设)?项目$/, '')}，总建筑面积${area}平方米，新增床位${Math.round(area / rng.float(90, 130) / 10) * 10}张。`,
        isEnterprise: false,
        total,
        location: isCity ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  diseaseControl: {
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.diseaseControl);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}疾病预防控制中心业务楼项目`,
        ownerUnit: `${site.owner.name}疾病预防控制中心`,
        constructionContent: `新建业务综合楼及P2实验室，总建筑面积${area}平方米。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  middleSchool: {
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 4 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.middleSchool);
      const classes = Math.round(area / 700 / 6) * 6;
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}第${rng.pick(ORDINALS)}中学新建工程`,
        ownerUnit: departmentOf(site.owner, '教育和体育局'),
        constructionContent: `新建教学楼、实验楼、宿舍楼及风雨操场，总建筑面积${area}平方米，办学规模${classes}个班，新增学位${classes * 50}个。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  primarySchool: {
    kind: 'BUILDING',
    weights: { COUNTY: 2 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.primarySchool);
      const classes = Math.round(area / 600 / 6) * 6;
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}实验小学${rng.pick(['新校区', '东校区', '北校区'])}建设工程`,
        ownerUnit: departmentOf(site.owner, '教育和体育局'),
        constructionContent: `新建${classes}班小学，总建筑面积${area}平方米，新增学位${classes * 45}个。`,
        isEnterprise: false,
        total,
        location: site.places.seatOf(rng, site.owner),
      };
    },
  },
  fitnessCentre: {
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.fitnessCentre);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}全民健身中心项目`,
        ownerUnit: departmentOf(site.owner, '教育和体育局'),
        constructionContent: `建设综合体育馆、游泳馆及室外运动场，总建筑面积${area}平方米。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  vocationalCentre: {
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.vocationalCentre);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}职业教育实训基地项目`,
        ownerUnit: departmentOf(site.owner, '教育和体育局'),
        constructionContent: `建设实训楼、学生公寓及配套设施，总建筑面积${area}平方米。`,
        isEnterprise: false,
        total,
        location: site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.seatOf(rng, site.owner),
      };
    },
  },
  healthCentre: {
    kind: 'BUILDING',
    weights: { TOWN: 3, SUBDISTRICT: 2 },
    plan(rng, site) {
      const isStreet = site.class === 'SUBDISTRICT';
      const { quantity: area, total } = costed(rng, isStreet ? COSTS.communityHealthCentre : COSTS.townHealthCentre);
      const centre = isStreet ? `${site.owner.name}社区卫生服务中心` : `${site.owner.name}中心卫生院`;
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: isStreet ? `${centre}建设项目` : `${centre}改扩建项目`,
        ownerUnit: centre,
        constructionContent: `新建门诊病房综合楼，总建筑面积${area}平方米，新增床位${Math.round(area / rng.float(80, 120) / 10) * 10}张。`,
        isEnterprise: false,
        total,
        location: undefined,
      };
    },
  },
  kindergarten: {
    kind: 'BUILDING',
    weights: { TOWN: 2, SUBDISTRICT: 2 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.kindergarten);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}中心幼儿园建设项目`,
        ownerUnit: countyUnit(site, '教育和体育局'),
        constructionContent: `新建${Math.max(6, Math.round(area / 400 / 3) * 3)}班幼儿园，总建筑面积${area}平方米。`,
        isEnterprise: false,
        total,
        location: undefined,
      };
    },
  },
  townSchool: {
    kind: 'BUILDING',
    weights: { TOWN: 2 },
    plan(rng, site) {
      const { quantity: area, total } = costed(rng, COSTS.townSchoolBuilding);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}中学教学楼建设项目`,
        ownerUnit: countyUnit(site, '教育和体育局'),
        constructionContent: `新建教学楼及实验楼，总建筑面积${area}平方米，新增学位${Math.round(area / 10 / 50) * 50}个。`,
        isEnterprise: false,
        total,
        location: undefined,
      };
    },
  },
  elderlyCare: {
    kind: 'BUILDING',
    weights: { COUNTY: 1, TOWN: 2, SUBDISTRICT: 1 },
    plan(rng, site) {
      const isCounty = site.class === 'COUNTY';
      const { quantity: beds, total } = costed(rng, isCounty ? COSTS.elderlyCareCounty : COSTS.elderlyCareTown);
      return {
        kind: 'BUILDING',
        category: ProjectCategory.SOCIAL_UNDERTAKING,
        name: `${site.owner.name}${isCounty ? '社会福利中心' : '养老服务中心'}建设项目`,
        ownerUnit: governmentUnit(site, '民政局'),
        constructionContent: `新建养老服务用房，总建筑面积${Math.round((beds * rng.float(40, 55)) / 100) * 100}平方米，设置床位${beds}张。`,
        isEnterprise: false,
        total,
        location: isCounty ? site.places.seatOf(rng, site.owner) : undefined,
      };
    },
  },
  farmland: {
    kind: 'FARM',
    weights: { COUNTY: 2, TOWN: 4 },
    plan(rng, site) {
      const isCounty = site.class === 'COUNTY';
      const { quantity: mu, total } = costed(rng, isCounty ? COSTS.farmlandCounty : COSTS.farmlandTown);
      return {
        kind: 'FARM',
        category: ProjectCategory.OTHER,
        name: `${site.owner.name}高标准农田建设项目`,
        ownerUnit: governmentUnit(site, '农业农村局'),
        constructionContent: `建设高标准农田${muText(mu)}，配套灌排、田间道路及农田输配电工程。`,
        isEnterprise: false,
        total,
        location: undefined,
      };
    },
  },
  agriPark: {
    kind: 'FARM',
    weights: { COUNTY: 2, TOWN: 3 },
    plan(rng, site) {
      const isCounty = site.class === 'COUNTY';
      const { quantity: mu, total } = costed(rng, isCounty ? COSTS.agriParkCounty : COSTS.agriParkTown);
      const location = isCounty ? site.places.ruralTownOf(rng, site.owner) : undefined;
      const attracted = rng.chance(0.4);
      const investor = attracted ? investorCompany(rng, '农业科技', '现代农业') : undefined;
      return {
        kind: 'FARM',
        category: attracted ? ProjectCategory.INVESTMENT_ATTRACTION : ProjectCategory.OTHER,
        name: `${placeName(rng, location ?? site.owner)}现代农业产业园项目`,
        ownerUnit: investor?.name ?? localCompany(rng, '农业发展', site.county ?? site.owner).name,
        constructionContent: `建设智能温室、育苗中心及农产品加工车间，总占地${mu}亩。`,
        isEnterprise: true,
        total,
        location,
        investor,
      };
    },
  },
  coldChain: {
    kind: 'FARM',
    weights: { COUNTY: 1, TOWN: 2 },
    plan(rng, site) {
      const isCounty = site.class === 'COUNTY';
      const { quantity: m3, total } = costed(rng, isCounty ? COSTS.coldChainCounty : COSTS.coldChainTown);
      const location = isCounty ? rng.pick(site.places.townsOf(site.owner)) : undefined;
      return {
        kind: 'FARM',
        category: ProjectCategory.OTHER,
        name: `${placeName(rng, location ?? site.owner)}果蔬冷链物流中心项目`,
        ownerUnit: localCompany(rng, '冷链物流', site.county ?? site.owner).name,
        constructionContent: `建设冷库${capacityText(m3, '立方米')}及分拣加工中心、配送车辆停放区。`,
        isEnterprise: true,
        total,
        location,
      };
    },
  },
  greenhouses: {
    kind: 'FARM',
    weights: { TOWN: 3 },
    plan(rng, site) {
      const { quantity: count, total } = costed(rng, COSTS.greenhouses);
      return {
        kind: 'FARM',
        category: ProjectCategory.OTHER,
        name: `${placeName(rng, site.owner)}设施农业大棚项目`,
        ownerUnit: localCompany(rng, '农业发展', site.county ?? site.owner).name,
        constructionContent: `建设高标准日光温室${count}座，配套水肥一体化及物联网设施。`,
        isEnterprise: true,
        total,
        location: undefined,
      };
    },
  },
  villageCluster: {
    kind: 'FARM',
    weights: { COUNTY: 1, TOWN: 2 },
    plan(rng, site) {
      const isCounty = site.class === 'COUNTY';
      const { quantity: villages, total } = costed(rng, isCounty ? COSTS.villageClusterCounty : COSTS.villageClusterTown);
      const location = isCounty ? site.places.ruralTownOf(rng, site.owner) : undefined;
      return {
        kind: 'FARM',
        category: ProjectCategory.OTHER,
        name: `${(location ?? site.owner).name}乡村振兴示范片区项目`,
        ownerUnit: governmentUnit(site, '农业农村局'),
        constructionContent: `实施人居环境整治、道路硬化及特色产业培育，覆盖行政村${villages}个。`,
        isEnterprise: false,
        total,
        location,
      };
    },
  },
};

/** A work the owner would take on, drawn by the catalogue's weights. */
export function planWork(rng: Random, owner: DemoTenant, places: DemoPlaces, only?: string): WorkPlan {
  const site: Site = { owner, county: places.countyOf(owner), class: ownerClassOf(owner), places };
  const central = places.isCentralStreet(owner);
  const choices = Object.values(WORKS)
    .map((work) => [work, work.weights[site.class] ?? 0] as const)
    .filter(([work, weight]) => weight > 0 && (!central || work.kind === 'UTILITY' || work.kind === 'BUILDING'));
  const work = only ? WORKS[only]! : rng.weighted(choices);
  return work.plan(rng, site);
}

/** A plant an investor proposes (招商线索) before anything is registered: its name, industry and amount. */
export function proposedPlant(rng: Random, owner: DemoTenant, places: DemoPlaces): WorkPlan {
  const site: Site = { owner, county: places.countyOf(owner), class: ownerClassOf(owner), places };
  const isTown = site.class === 'SUBDISTRICT' || site.class === 'TOWN';
  const line = rng.pick(FACTORY_LINES.filter((l) => (isTown ? l.town : l.county).length > 0));
  return factoryWork(site, rng, line, rng.pick(isTown ? line.town : line.county), ProjectCategory.INVESTMENT_ATTRACTION, undefined);
}
