import { type Hundredths, ONE_WAN, type Random } from './demo-primitives';

/**
 * What the demo's works cost. An amount follows from the physical scale a project's construction
 * content states (floor area, kilometres, megawatts, annual capacity) times a unit cost, so a
 * middle school, a bridge and a solar farm cost what such works cost in Shandong, and a name never
 * claims more than its amount pays for.
 */

export interface Cost {
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
export interface FactoryLine {
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
  {
    product: '新型建材',
    trade: '新材料',
    industry: '新型建材',
    unit: '吨',
    town: [100_000, 200_000, 300_000],
    county: [300_000, 500_000, 1_000_000],
    rate: [0.015, 0.025],
  }, // 30万吨: 0.45-0.75 亿 (seed 003)
  {
    product: '功能糖',
    trade: '生物科技',
    industry: '生物制造',
    unit: '吨',
    town: [5_000, 10_000],
    county: [20_000, 30_000, 50_000],
    rate: [0.8, 1.5],
  }, // 1万吨: 0.8-1.5 亿
  {
    product: '生物基新材料',
    trade: '新材料',
    industry: '新材料',
    unit: '吨',
    town: [],
    county: [10_000, 20_000, 30_000, 50_000],
    rate: [1.2, 2],
  }, // 1万吨: 1.2-2 亿
  {
    product: '高性能玻璃纤维',
    trade: '新材料',
    industry: '新材料',
    unit: '吨',
    town: [10_000, 20_000],
    county: [30_000, 50_000, 80_000, 100_000],
    rate: [0.6, 0.9],
  }, // 5万吨: 3-4.5 亿
  {
    product: '精细化工中间体',
    trade: '化工',
    industry: '精细化工',
    unit: '吨',
    town: [],
    county: [10_000, 20_000, 30_000, 50_000],
    rate: [0.5, 0.9],
  }, // in the county's chemical park only
  {
    product: '高端不锈钢管材',
    trade: '金属制品',
    industry: '高端装备',
    unit: '吨',
    town: [20_000, 30_000, 50_000],
    county: [50_000, 100_000, 150_000, 200_000],
    rate: [0.15, 0.3],
  }, // 10万吨: 1.5-3 亿
  {
    product: '绿色饲料',
    trade: '农牧科技',
    industry: '农副产品加工',
    unit: '吨',
    town: [100_000, 200_000],
    county: [200_000, 300_000, 500_000],
    rate: [0.03, 0.05],
  }, // 20万吨: 0.6-1 亿
  {
    product: '预制菜',
    trade: '食品',
    industry: '食品加工',
    unit: '吨',
    town: [10_000, 20_000, 30_000],
    county: [30_000, 50_000, 100_000],
    rate: [0.2, 0.4],
  }, // 5万吨: 1-2 亿
  {
    product: '中央空调机组',
    trade: '空调设备',
    industry: '高端装备',
    unit: '台',
    town: [5_000, 10_000],
    county: [10_000, 20_000, 30_000],
    rate: [1, 1.6],
  }, // 3万台: 3-4.8 亿
  {
    product: '新能源汽车零部件',
    trade: '汽车零部件',
    industry: '汽车零部件',
    unit: '套',
    town: [50_000, 100_000],
    county: [100_000, 200_000, 300_000, 500_000],
    rate: [0.05, 0.15],
  }, // 30万套: 1.5-4.5 亿
  {
    product: '智能健身器材',
    trade: '体育用品',
    industry: '体育用品',
    unit: '台（套）',
    town: [50_000, 100_000],
    county: [100_000, 200_000, 300_000],
    rate: [0.03, 0.08],
  }, // 20万台: 0.6-1.6 亿
  {
    product: '高效节能电机',
    trade: '电机',
    industry: '高端装备',
    unit: '台',
    town: [50_000, 100_000],
    county: [100_000, 200_000, 300_000, 500_000],
    rate: [0.05, 0.1],
  }, // 30万台: 1.5-3 亿
  {
    product: '智能农机装备',
    trade: '机械制造',
    industry: '高端装备',
    unit: '台（套）',
    town: [300, 500],
    county: [500, 1000, 2000],
    rate: [15, 30],
  }, // 1,000台: 1.5-3 亿
  {
    product: '锂电池隔膜',
    trade: '新能源科技',
    industry: '新能源',
    unit: '平方米',
    town: [],
    county: [100_000_000, 200_000_000],
    rate: [0.0003, 0.0005],
  }, // 1亿㎡: 3-5 亿
  {
    product: '医用防护用品',
    trade: '医疗器械',
    industry: '生物医药',
    unit: '件',
    town: [50_000_000],
    county: [100_000_000, 200_000_000, 300_000_000],
    rate: [0.00003, 0.00006],
  }, // 1亿件: 0.3-0.6 亿
  { product: '原料药', trade: '药业', industry: '生物医药', unit: '吨', town: [], county: [100, 200, 500], rate: [20, 50] }, // 500吨: 1-2.5 亿
  {
    product: '高档纺织面料',
    trade: '纺织',
    industry: '纺织服装',
    unit: '米',
    town: [5_000_000, 10_000_000],
    county: [10_000_000, 20_000_000, 30_000_000, 50_000_000],
    rate: [0.0003, 0.0006],
  }, // 3000万米: 0.9-1.8 亿
];

/** 300000 吨 -> 30万吨, 100000000 平方米 -> 1亿平方米, 500 台（套）-> 500台（套）. */
export function capacityText(quantity: number, unit: string): string {
  if (quantity >= 100_000_000 && quantity % 100_000_000 === 0) return `${quantity / 100_000_000}亿${unit}`;
  if (quantity >= 10_000 && quantity % 10_000 === 0) return `${quantity / 10_000}万${unit}`;
  return `${quantity}${unit}`;
}

/** 15000 亩 -> 1.5万亩. */
export function muText(mu: number): string {
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
export function amountOf(rng: Random, quantity: number, rate: readonly [number, number]): Hundredths {
  const wan = quantity * rng.float(rate[0], rate[1]);
  const roll = rng.next();
  if (roll < 0.6) {
    const step = wan >= 10_000 ? 100 : 10;
    return Math.max(step, Math.round(wan / step) * step) * ONE_WAN;
  }
  if (roll < 0.88) return Math.max(1, Math.round(wan)) * ONE_WAN;
  return Math.round(wan * ONE_WAN);
}

export function costed(rng: Random, cost: Cost): { quantity: number; total: Hundredths } {
  const quantity = quantityOf(rng, cost);
  return { quantity, total: amountOf(rng, quantity, cost.rate) };
}
