import { ProjectCategory } from '../modules/project/project.enums';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import { amountOf, capacityText, type Cost, costed, COSTS, FACTORY_LINES, type FactoryLine, muText } from './demo-costs';
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
 * The catalogue of what the demo's projects build: for each kind of work, who takes it on, where
 * it is built, what it is called, who builds it (项目业主) and what it costs (demo-costs.ts). The
 * city and the counties take on the large and city-wide works, towns small local ones; a name only
 * mentions places on the way from the city down to where the work is built.
 */

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
  /** The owner's county (the owner itself for a county, none for the city). */
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

/** A government-built (or, with `isEnterprise`, a plainly company-built) work, described field by field. */
interface WorkSpec {
  readonly kind: WorkKind;
  readonly weights: Partial<Record<OwnerClass, number>>;
  readonly category: ProjectCategory;
  readonly isEnterprise?: boolean;
  cost(site: Site): Cost;
  /** Where it is built; undefined: on the owner's own ground. */
  at(rng: Random, site: Site): DemoTenant | undefined;
  name(rng: Random, site: Site, at: DemoTenant | undefined, quantity: number): string;
  unit(rng: Random, site: Site): string;
  content(rng: Random, quantity: number): string;
}

function work(spec: WorkSpec): Work {
  return {
    kind: spec.kind,
    weights: spec.weights,
    plan(rng, site) {
      const location = spec.at(rng, site);
      const { quantity, total } = costed(rng, spec.cost(site));
      return {
        kind: spec.kind,
        category: spec.category,
        name: spec.name(rng, site, location, quantity),
        ownerUnit: spec.unit(rng, site),
        constructionContent: spec.content(rng, quantity),
        isEnterprise: spec.isEnterprise ?? false,
        total,
        location,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Where and by whom

/** Urban works: in the central city for the city, in the county seat for a county, on a town's own ground. */
function urban(rng: Random, site: Site): DemoTenant | undefined {
  if (site.class === 'CITY') return site.places.centralStreet(rng);
  return site.class === 'COUNTY' ? site.places.seatOf(rng, site.owner) : undefined;
}

/** Rural works: in a town or township of the county (of a county outside the central city for the city). */
function rural(rng: Random, site: Site): DemoTenant | undefined {
  if (site.class === 'CITY') return site.places.ruralTownOf(rng, site.places.outlyingCounty(rng));
  return site.class === 'COUNTY' ? site.places.ruralTownOf(rng, site.owner) : undefined;
}

/** Anywhere in the county, industrial parks of the county seat included. */
function anywhere(rng: Random, site: Site): DemoTenant | undefined {
  if (site.class === 'CITY') return rng.pick(site.places.townsOf(rng.pick(site.places.counties())));
  return site.class === 'COUNTY' ? rng.pick(site.places.townsOf(site.owner)) : undefined;
}

function ownGround(): undefined {
  return undefined;
}

/** The name a place goes by in a project's name: 德州市 or 德州, 齐河县 or 齐河, 临南镇 or 临南. */
function placeName(rng: Random, tenant: DemoTenant): string {
  return rng.chance(0.5) ? tenant.name : shortNameOf(tenant);
}

/** The river a work at `at` is on: one crossing its county. */
function riverAt(rng: Random, site: Site, at: DemoTenant | undefined): string {
  return site.places.riverOf(rng, (at && site.places.countyOf(at)) ?? site.county ?? site.owner);
}

/** Department of the owner's government, or the town government for a town. */
function governmentUnit(site: Site, department: string): string {
  return site.class === 'CITY' || site.class === 'COUNTY' ? departmentOf(site.owner, department) : townGovernment(site.owner);
}

/** A county's unit for a town's work (a town's school is built by the county's education bureau). */
function countyUnit(site: Site, department: string): string {
  return departmentOf(site.county ?? site.places.city, department);
}

/** A bureau of the owner's government or its urban investment company (城投). */
function bureauOrCompany(rng: Random, site: Site, department: string, bureauShare = 0.6): string {
  return rng.chance(bureauShare) ? departmentOf(site.owner, department) : urbanInvestmentCompany(site.owner);
}

/** The central city's 中心城区, a county's 城区. */
function townArea(site: Site): string {
  return site.class === 'CITY' ? `${site.owner.name}中心城区` : `${site.owner.name}城区`;
}

const byClass =
  (city: Cost, county: Cost, town: Cost = county) =>
  (site: Site): Cost =>
    site.class === 'CITY' ? city : site.class === 'COUNTY' ? county : town;

const ORDINALS = ['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

// ---------------------------------------------------------------------------------------------
// Works with a company behind them

function factoryWork(
  site: Site,
  rng: Random,
  line: FactoryLine,
  capacity: number,
  category: ProjectCategory,
  location: DemoTenant | undefined,
): WorkPlan {
  const total = amountOf(rng, capacity, line.rate);
  const where = location ?? site.owner;
  const investor = category === ProjectCategory.INVESTMENT_ATTRACTION ? investorCompany(rng, line.trade, line.industry) : undefined;
  const firm = investor ?? localCompany(rng, line.trade, site.county ?? site.places.city);
  const capacityWords = capacityText(capacity, line.unit);
  const prefix = rng.weighted([
    [firm.short, 5],
    [shortNameOf(where), 3],
  ] as const);
  const name = rng.pick([`${prefix}年产${capacityWords}${line.product}项目`, `${firm.short}${line.product}生产基地项目`]);
  const area = Math.max(5000, Math.round(((total / ONE_WAN) * rng.float(1.0, 2.0)) / 1000) * 1000);
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

const isTownClass = (site: Site) => site.class === 'SUBDISTRICT' || site.class === 'TOWN';

const newPlant: Work = {
  kind: 'FACTORY',
  weights: { CITY: 6, COUNTY: 26, SUBDISTRICT: 10, TOWN: 20 },
  plan(rng, site) {
    const isTown = isTownClass(site);
    const line = rng.pick(FACTORY_LINES.filter((l) => (isTown ? l.town : l.county).length > 0));
    const capacity = rng.pick(isTown ? line.town : site.class === 'CITY' ? line.county.slice(-2) : line.county);
    const category = rng.weighted(
      site.class === 'CITY'
        ? ([
            [ProjectCategory.KEY_PROVINCIAL_CITY, 7],
            [ProjectCategory.INVESTMENT_ATTRACTION, 3],
          ] as const)
        : site.class === 'COUNTY'
          ? ([
              [ProjectCategory.KEY_PROVINCIAL_CITY, 5],
              [ProjectCategory.INVESTMENT_ATTRACTION, 5],
            ] as const)
          : ([
              [ProjectCategory.INVESTMENT_ATTRACTION, 7],
              [ProjectCategory.OTHER, 3],
            ] as const),
    );
    return factoryWork(site, rng, line, capacity, category, anywhere(rng, site));
  },
};

const technicalUpgrade: Work = {
  kind: 'FACTORY',
  weights: { COUNTY: 10, SUBDISTRICT: 8, TOWN: 14 },
  plan(rng, site) {
    const line = rng.pick(FACTORY_LINES.filter((l) => l.town.length > 0));
    const { quantity, total } = costed(rng, site.class === 'COUNTY' ? COSTS.technicalUpgradeCounty : COSTS.technicalUpgradeTown);
    const firm = localCompany(rng, line.trade, site.county ?? site.places.city);
    return {
      kind: 'FACTORY',
      category: ProjectCategory.INDUSTRIAL_UPGRADE,
      name: `${firm.short}${line.product}${rng.pick(['生产线技术改造项目', '智能化数字化改造项目', '扩产技改项目'])}`,
      ownerUnit: firm.name,
      constructionContent: `对现有${line.product}生产线实施智能化改造，购置生产及检测设备${quantity}台（套），改造生产车间${rng.int(5, 30) * 1000}平方米。`,
      isEnterprise: true,
      total,
      location: anywhere(rng, site),
    };
  },
};

const solarFarm: Work = {
  kind: 'ENERGY',
  weights: { CITY: 2, COUNTY: 6, TOWN: 4 },
  plan(rng, site) {
    const isTown = site.class === 'TOWN';
    const { quantity: mw, total } = costed(rng, byClass(COSTS.solarFarmCity, COSTS.solarFarm, COSTS.rooftopSolar)(site));
    const location = rural(rng, site);
    const county = (location && site.places.countyOf(location)) ?? site.county ?? site.owner;
    const investor = rng.chance(isTown ? 0.6 : 0.35) ? investorCompany(rng, '新能源科技', '新能源') : undefined;
    const ownerUnit = investor?.name ?? (isTown ? localCompany(rng, '新能源', county).name : energyCompany(rng, county));
    const where = placeName(rng, location ?? site.owner);
    return {
      kind: 'ENERGY',
      category: investor ? ProjectCategory.INVESTMENT_ATTRACTION : isTown ? ProjectCategory.OTHER : ProjectCategory.KEY_PROVINCIAL_CITY,
      name: isTown
        ? `${where}${mw}MW分布式光伏发电项目`
        : `${where}${mw}MW${rng.pick(['农光互补', '渔光互补', '农光储一体化'])}光伏发电项目`,
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
};

const agriPark: Work = {
  kind: 'FARM',
  weights: { COUNTY: 2, TOWN: 3 },
  plan(rng, site) {
    const { quantity: mu, total } = costed(rng, site.class === 'COUNTY' ? COSTS.agriParkCounty : COSTS.agriParkTown);
    const location = rural(rng, site);
    const investor = rng.chance(0.4) ? investorCompany(rng, '农业科技', '现代农业') : undefined;
    return {
      kind: 'FARM',
      category: investor ? ProjectCategory.INVESTMENT_ATTRACTION : ProjectCategory.OTHER,
      name: `${placeName(rng, location ?? site.owner)}现代农业产业园项目`,
      ownerUnit: investor?.name ?? localCompany(rng, '农业发展', site.county ?? site.owner).name,
      constructionContent: `建设智能温室、育苗中心及农产品加工车间，总占地${mu}亩。`,
      isEnterprise: true,
      total,
      location,
      investor,
    };
  },
};

/** A hospital builds its own ward block: the name, the owner unit and the content share it. */
const hospital: Work = {
  kind: 'BUILDING',
  weights: { CITY: 2, COUNTY: 3 },
  plan(rng, site) {
    const isCity = site.class === 'CITY';
    const { quantity: area, total } = costed(rng, isCity ? COSTS.cityHospital : COSTS.countyHospital);
    const name = isCity
      ? rng.pick(['德州市人民医院', '德州市中医院', '德州市妇女儿童医院'])
      : `${site.owner.name}${rng.pick(['人民医院', '中医院'])}`;
    const building = isCity ? rng.pick(['新院区', '病房综合楼']) : rng.pick(['病房综合楼', '门急诊综合楼']);
    return {
      kind: 'BUILDING',
      category: ProjectCategory.SOCIAL_UNDERTAKING,
      name: `${name}${building}${building === '新院区' ? '建设项目' : '项目'}`,
      ownerUnit: name,
      constructionContent: `${building === '新院区' ? '建设新院区' : `新建${building}`}，总建筑面积${area}平方米，新增床位${Math.round(area / rng.float(90, 130) / 10) * 10}张。`,
      isEnterprise: false,
      total,
      location: urban(rng, site),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// The catalogue

export const WORKS: Record<string, Work> = {
  newPlant,
  technicalUpgrade,
  industrialPark: work({
    kind: 'FACTORY',
    weights: { CITY: 3, COUNTY: 5 },
    category: ProjectCategory.KEY_PROVINCIAL_CITY,
    cost: () => COSTS.industrialPark,
    at: (rng, site) => site.places.seatOf(rng, site.county ?? rng.pick(site.places.counties())),
    name: (rng, site, at) =>
      `${shortNameOf(site.places.countyOf(at!)!)}${rng.pick(['高端装备', '新材料', '生物医药', '新能源', '食品加工', '纺织服装'])}产业园标准化厂房项目`,
    unit: (_rng, site) => urbanInvestmentCompany(site.owner),
    content: (_rng, area) => `建设标准化厂房及配套用房${area}平方米，配套建设园区道路、供水、供电及污水管网。`,
  }),
  solarFarm,
  windFarm: work({
    kind: 'ENERGY',
    weights: { CITY: 1, COUNTY: 3 },
    category: ProjectCategory.KEY_PROVINCIAL_CITY,
    isEnterprise: true,
    cost: () => COSTS.windFarm,
    at: rural,
    name: (rng, site, at, mw) => `${placeName(rng, site.places.countyOf(at!)!)}${mw}MW风电项目`,
    unit: (rng, site) => energyCompany(rng, site.county ?? site.places.city),
    content: (rng, mw) => `安装单机容量6.25MW风电机组${Math.ceil(mw / 6.25)}台，配套建设220kV升压站及送出线路。`,
  }),
  energyStorage: work({
    kind: 'ENERGY',
    weights: { CITY: 1, COUNTY: 2 },
    category: ProjectCategory.KEY_PROVINCIAL_CITY,
    isEnterprise: true,
    cost: () => COSTS.energyStorage,
    at: rural,
    name: (rng, site, at, mwh) => `${placeName(rng, site.places.countyOf(at!)!)}${mwh / 2}MW/${mwh}MWh独立储能电站项目`,
    unit: (rng, site) => energyCompany(rng, site.county ?? site.places.city),
    content: (_rng, mwh) => `建设${mwh / 2}MW/${mwh}MWh磷酸铁锂储能系统，配套建设220kV升压站及送出线路。`,
  }),
  biomassPower: work({
    kind: 'ENERGY',
    weights: { COUNTY: 1 },
    category: ProjectCategory.KEY_PROVINCIAL_CITY,
    isEnterprise: true,
    cost: () => COSTS.biomassPower,
    at: rural,
    name: (rng, site) => `${placeName(rng, site.owner)}生物质热电联产项目`,
    unit: (rng, site) => energyCompany(rng, site.owner),
    content: (_rng, mw) => `建设${mw}MW生物质发电机组及配套供热管网，年消纳秸秆等农林废弃物约${mw}万吨。`,
  }),
  highwaySection: work({
    kind: 'ROAD',
    weights: { CITY: 3, COUNTY: 2 },
    category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
    cost: () => COSTS.highwaySection,
    // The city's sections run through a county; a county's through itself.
    at: (rng, site) => (site.class === 'CITY' ? rng.pick(site.places.counties()) : undefined),
    name: (rng, site, at) => `${site.places.trunkRoadOf(rng, at ?? site.owner)}${shortNameOf(at ?? site.owner)}段改扩建工程`,
    unit: (rng, site) =>
      site.class === 'CITY' ? rng.pick(['德州市交通运输局', '德州市交通发展集团有限公司']) : departmentOf(site.owner, '交通运输局'),
    content: (rng, km) =>
      `全长${km}公里，按一级公路标准改扩建，路基宽度${rng.pick([24.5, 25.5, 32])}米，同步实施桥涵、排水及交通安全设施。`,
  }),
  urbanRoad: work({
    kind: 'ROAD',
    weights: { CITY: 4, COUNTY: 4 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.urbanRoad,
    at: urban,
    name: (rng, site, at) =>
      `${site.owner.name}${site.places.streetIn(rng, at!)}${rng.pick(['道路及配套管网工程', '改造提升工程', '新建工程'])}`,
    unit: (rng, site) => bureauOrCompany(rng, site, '住房和城乡建设局'),
    content: (rng, km) =>
      `全长${km}公里，按城市主干路标准建设，红线宽度${rng.pick([30, 40, 50])}米，同步实施雨污水、给水、照明及绿化工程。`,
  }),
  ruralRoads: work({
    kind: 'ROAD',
    weights: { COUNTY: 3, TOWN: 5 },
    category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
    cost: byClass(COSTS.ruralRoadsCounty, COSTS.ruralRoadsCounty, COSTS.ruralRoadsTown),
    at: ownGround,
    name: (_rng, site) => `${site.owner.name}农村公路提档升级工程`,
    unit: (_rng, site) => governmentUnit(site, '交通运输局'),
    content: (rng, km) => `改造提升农村公路${km}公里，路面加宽至${rng.pick([4.5, 5, 6])}米，同步完善排水及安全防护设施。`,
  }),
  bridge: work({
    kind: 'ROAD',
    weights: { CITY: 1, COUNTY: 2 },
    category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
    cost: () => COSTS.bridge,
    at: (rng, site) => (site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.ruralTownOf(rng, site.owner)),
    name: (rng, site, at) => `${site.owner.name}${riverAt(rng, site, at)}大桥工程`,
    unit: (_rng, site) => departmentOf(site.owner, '交通运输局'),
    content: (rng, metres) => `桥梁全长${metres}米，桥面宽度${rng.pick([25.5, 33, 40])}米，配套建设两岸引道及防洪设施。`,
  }),
  railSiding: work({
    kind: 'ROAD',
    weights: { COUNTY: 1 },
    category: ProjectCategory.TRANSPORT_INFRASTRUCTURE,
    cost: () => COSTS.railSiding,
    at: rural,
    name: (_rng, site) => `${shortNameOf(site.owner)}物流园铁路专用线工程`,
    unit: (_rng, site) => urbanInvestmentCompany(site.owner),
    content: (_rng, km) => `新建铁路专用线${km}公里，配套建设装卸线及货场。`,
  }),
  heatingNetwork: work({
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 2 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: byClass(COSTS.heatingNetworkCity, COSTS.heatingNetworkCounty),
    at: (rng, site) => (site.class === 'CITY' ? site.places.cityHeatingTown(rng) : urban(rng, site)),
    name: (_rng, site) => (site.class === 'CITY' ? `${site.owner.name}集中供热管网改造工程` : `${townArea(site)}集中供热管网改造工程`),
    unit: (rng, site) => bureauOrCompany(rng, site, '住房和城乡建设局', 0.5),
    content: (rng, km) => `新建及改造供热管网${km}公里，新建换热站${Math.max(3, Math.round(km / rng.float(2, 4)))}座。`,
  }),
  sewagePlant: work({
    kind: 'UTILITY',
    weights: { CITY: 1, COUNTY: 3 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: byClass(COSTS.sewagePlantCity, COSTS.sewagePlantCounty),
    at: urban,
    name: (rng, site) => `${site.owner.name}${rng.pick(['城东', '城西', '城南', '第二'])}污水处理厂提标改造工程`,
    unit: (rng, site) => bureauOrCompany(rng, site, '水务局'),
    content: (_rng, capacity) => `新建深度处理单元，处理规模${capacity}万吨/日，出水达到地表水准Ⅳ类标准。`,
  }),
  stormwaterSeparation: work({
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 3 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.stormwaterSeparation,
    at: urban,
    name: (_rng, site) => `${townArea(site)}雨污分流改造工程`,
    unit: (rng, site) => bureauOrCompany(rng, site, '住房和城乡建设局'),
    content: (rng, km) => {
      const rain = Math.round(km * rng.float(0.4, 0.6));
      return `新建雨水管网${rain}公里、污水管网${km - rain}公里，改造混接点${rng.int(50, 400)}处。`;
    },
  }),
  oldResidential: work({
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 3, SUBDISTRICT: 6 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: byClass(COSTS.oldResidentialCity, COSTS.oldResidentialCounty, COSTS.oldResidentialStreet),
    at: urban,
    name: (_rng, site) => `${isTownClass(site) ? site.owner.name : townArea(site)}老旧小区改造项目`,
    unit: (_rng, site) => governmentUnit(site, '住房和城乡建设局'),
    content: (rng, households) =>
      `改造老旧小区${Math.max(2, Math.round(households / rng.float(150, 300)))}个，涉及${households}户，实施管网更新、外墙保温、加装电梯及配套设施改造。`,
  }),
  urbanRenewal: work({
    kind: 'UTILITY',
    weights: { CITY: 2, COUNTY: 2 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.urbanRenewal,
    at: urban,
    name: (_rng, site, at) => `${site.owner.name}${shortNameOf(at!)}片区城市更新项目`,
    unit: (_rng, site) => urbanInvestmentCompany(site.owner),
    content: (rng, mu) =>
      `实施片区改造，总占地${mu}亩，建设安置住房${Math.round((mu * rng.float(6, 10)) / 10) * 10}套及道路、学校等配套设施。`,
  }),
  wetlandPark: work({
    kind: 'UTILITY',
    weights: { CITY: 1, COUNTY: 2 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.wetlandPark,
    // The city's parks are the central city's; a county's lie along its rivers outside the seat.
    at: (rng, site) => (site.class === 'CITY' ? site.places.centralStreet(rng) : site.places.ruralTownOf(rng, site.owner)),
    name: (rng, site, at) => `${site.owner.name}${riverAt(rng, site, at)}湿地公园建设项目`,
    unit: (rng, site) => bureauOrCompany(rng, site, '住房和城乡建设局'),
    content: (_rng, mu) => `建设湿地公园${mu}亩，实施水系连通、生态修复及游园设施。`,
  }),
  riversideGreening: work({
    kind: 'UTILITY',
    weights: { CITY: 1 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.riversideGreening,
    at: urban,
    name: (rng, site, at) => `${site.owner.name}${riverAt(rng, site, at)}${rng.pick(['西岸', '东岸'])}景观绿化提升工程`,
    unit: (rng, site) => bureauOrCompany(rng, site, '城市管理局', 0.5),
    content: (rng, mu) => `实施滨河景观绿化${mu}亩，建设慢行步道${rng.int(3, 12)}公里及配套服务设施。`,
  }),
  fireStations: work({
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.fireStations,
    at: urban,
    name: (_rng, site) => `${townArea(site)}消防站建设项目`,
    unit: (_rng, site) => (site.class === 'CITY' ? '德州市消防救援支队' : `${site.owner.name}消防救援大队`),
    content: (rng, stations) =>
      `新建${stations}座一级普通消防站，总建筑面积${stations * rng.int(35, 50) * 100}平方米，配置消防车辆及装备。`,
  }),
  affordableHousing: work({
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 2 },
    category: ProjectCategory.URBAN_CONSTRUCTION,
    cost: () => COSTS.affordableHousing,
    at: urban,
    name: (_rng, site) => `${site.owner.name}保障性租赁住房项目`,
    unit: (rng, site) => bureauOrCompany(rng, site, '住房和城乡建设局', 0.5),
    content: (rng, flats) => `建设保障性租赁住房${flats}套，总建筑面积${Math.round((flats * rng.float(65, 70)) / 100) * 100}平方米。`,
  }),
  ruralSewage: work({
    kind: 'UTILITY',
    weights: { COUNTY: 2, TOWN: 3 },
    category: ProjectCategory.OTHER,
    cost: byClass(COSTS.ruralSewageCounty, COSTS.ruralSewageCounty, COSTS.ruralSewageTown),
    at: ownGround,
    name: (_rng, site) => `${site.owner.name}农村生活污水治理项目`,
    unit: (rng, site) =>
      site.class === 'COUNTY' ? rng.pick([environmentBureau(site.owner), departmentOf(site.owner, '水务局')]) : townGovernment(site.owner),
    content: (_rng, villages) => `治理行政村${villages}个，新建污水收集管网及一体化处理设施。`,
  }),
  hospital,
  diseaseControl: work({
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.diseaseControl,
    at: urban,
    name: (_rng, site) => `${site.owner.name}疾病预防控制中心业务楼项目`,
    unit: (_rng, site) => `${site.owner.name}疾病预防控制中心`,
    content: (_rng, area) => `新建业务综合楼及P2实验室，总建筑面积${area}平方米。`,
  }),
  middleSchool: work({
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 4 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.middleSchool,
    at: urban,
    name: (rng, site) => `${site.owner.name}第${rng.pick(ORDINALS)}中学新建工程`,
    unit: (_rng, site) => departmentOf(site.owner, '教育和体育局'),
    content: (_rng, area) => {
      const classes = Math.round(area / 700 / 6) * 6;
      return `新建教学楼、实验楼、宿舍楼及风雨操场，总建筑面积${area}平方米，办学规模${classes}个班，新增学位${classes * 50}个。`;
    },
  }),
  primarySchool: work({
    kind: 'BUILDING',
    weights: { COUNTY: 2 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.primarySchool,
    at: urban,
    name: (rng, site) => `${site.owner.name}实验小学${rng.pick(['新校区', '东校区', '北校区'])}建设工程`,
    unit: (_rng, site) => departmentOf(site.owner, '教育和体育局'),
    content: (_rng, area) => {
      const classes = Math.round(area / 600 / 6) * 6;
      return `新建${classes}班小学，总建筑面积${area}平方米，新增学位${classes * 45}个。`;
    },
  }),
  fitnessCentre: work({
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.fitnessCentre,
    at: urban,
    name: (_rng, site) => `${site.owner.name}全民健身中心项目`,
    unit: (_rng, site) => departmentOf(site.owner, '教育和体育局'),
    content: (_rng, area) => `建设综合体育馆、游泳馆及室外运动场，总建筑面积${area}平方米。`,
  }),
  vocationalCentre: work({
    kind: 'BUILDING',
    weights: { CITY: 1, COUNTY: 1 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.vocationalCentre,
    at: urban,
    name: (_rng, site) => `${site.owner.name}职业教育实训基地项目`,
    unit: (_rng, site) => departmentOf(site.owner, '教育和体育局'),
    content: (_rng, area) => `建设实训楼、学生公寓及配套设施，总建筑面积${area}平方米。`,
  }),
  healthCentre: work({
    kind: 'BUILDING',
    weights: { TOWN: 3, SUBDISTRICT: 2 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: byClass(COSTS.townHealthCentre, COSTS.townHealthCentre, COSTS.communityHealthCentre),
    at: ownGround,
    // A town's 中心卫生院 is enlarged; a sub-district builds a 社区卫生服务中心. Each builds its own.
    name: (_rng, site) =>
      site.class === 'SUBDISTRICT' ? `${site.owner.name}社区卫生服务中心建设项目` : `${site.owner.name}中心卫生院改扩建项目`,
    unit: (_rng, site) => (site.class === 'SUBDISTRICT' ? `${site.owner.name}社区卫生服务中心` : `${site.owner.name}中心卫生院`),
    content: (rng, area) => `新建门诊病房综合楼，总建筑面积${area}平方米，新增床位${Math.round(area / rng.float(80, 120) / 10) * 10}张。`,
  }),
  kindergarten: work({
    kind: 'BUILDING',
    weights: { TOWN: 2, SUBDISTRICT: 2 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.kindergarten,
    at: ownGround,
    name: (_rng, site) => `${site.owner.name}中心幼儿园建设项目`,
    unit: (_rng, site) => countyUnit(site, '教育和体育局'),
    content: (_rng, area) => `新建${Math.max(6, Math.round(area / 400 / 3) * 3)}班幼儿园，总建筑面积${area}平方米。`,
  }),
  townSchool: work({
    kind: 'BUILDING',
    weights: { TOWN: 2 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: () => COSTS.townSchoolBuilding,
    at: ownGround,
    name: (_rng, site) => `${site.owner.name}中学教学楼建设项目`,
    unit: (_rng, site) => countyUnit(site, '教育和体育局'),
    content: (_rng, area) => `新建教学楼及实验楼，总建筑面积${area}平方米，新增学位${Math.round(area / 10 / 50) * 50}个。`,
  }),
  elderlyCare: work({
    kind: 'BUILDING',
    weights: { COUNTY: 1, TOWN: 2, SUBDISTRICT: 1 },
    category: ProjectCategory.SOCIAL_UNDERTAKING,
    cost: byClass(COSTS.elderlyCareCounty, COSTS.elderlyCareCounty, COSTS.elderlyCareTown),
    at: urban,
    name: (_rng, site) => `${site.owner.name}${site.class === 'COUNTY' ? '社会福利中心' : '养老服务中心'}建设项目`,
    unit: (_rng, site) => governmentUnit(site, '民政局'),
    content: (rng, beds) => `新建养老服务用房，总建筑面积${Math.round((beds * rng.float(40, 55)) / 100) * 100}平方米，设置床位${beds}张。`,
  }),
  farmland: work({
    kind: 'FARM',
    weights: { COUNTY: 2, TOWN: 4 },
    category: ProjectCategory.OTHER,
    cost: byClass(COSTS.farmlandCounty, COSTS.farmlandCounty, COSTS.farmlandTown),
    at: ownGround,
    name: (_rng, site) => `${site.owner.name}高标准农田建设项目`,
    unit: (_rng, site) => governmentUnit(site, '农业农村局'),
    content: (_rng, mu) => `建设高标准农田${muText(mu)}，配套灌排、田间道路及农田输配电工程。`,
  }),
  agriPark,
  coldChain: work({
    kind: 'FARM',
    weights: { COUNTY: 1, TOWN: 2 },
    category: ProjectCategory.OTHER,
    isEnterprise: true,
    cost: byClass(COSTS.coldChainCounty, COSTS.coldChainCounty, COSTS.coldChainTown),
    at: anywhere,
    name: (rng, site, at) => `${placeName(rng, at ?? site.owner)}果蔬冷链物流中心项目`,
    unit: (rng, site) => localCompany(rng, '冷链物流', site.county ?? site.owner).name,
    content: (_rng, m3) => `建设冷库${capacityText(m3, '立方米')}及分拣加工中心、配送车辆停放区。`,
  }),
  greenhouses: work({
    kind: 'FARM',
    weights: { TOWN: 3 },
    category: ProjectCategory.OTHER,
    isEnterprise: true,
    cost: () => COSTS.greenhouses,
    at: ownGround,
    name: (rng, site) => `${placeName(rng, site.owner)}设施农业大棚项目`,
    unit: (rng, site) => localCompany(rng, '农业发展', site.county ?? site.owner).name,
    content: (_rng, count) => `建设高标准日光温室${count}座，配套水肥一体化及物联网设施。`,
  }),
  villageCluster: work({
    kind: 'FARM',
    weights: { COUNTY: 1, TOWN: 2 },
    category: ProjectCategory.OTHER,
    cost: byClass(COSTS.villageClusterCounty, COSTS.villageClusterCounty, COSTS.villageClusterTown),
    at: rural,
    name: (_rng, site, at) => `${(at ?? site.owner).name}乡村振兴示范片区项目`,
    unit: (_rng, site) => governmentUnit(site, '农业农村局'),
    content: (_rng, villages) => `实施人居环境整治、道路硬化及特色产业培育，覆盖行政村${villages}个。`,
  }),
};

/** A work the owner would take on, drawn by the catalogue's weights; the central city's sub-districts build only urban works. */
export function planWork(rng: Random, owner: DemoTenant, places: DemoPlaces, only?: string): WorkPlan {
  const site: Site = { owner, county: places.countyOf(owner), class: ownerClassOf(owner), places };
  const central = places.isCentralStreet(owner);
  const choices = Object.values(WORKS)
    .map((work) => [work, work.weights[site.class] ?? 0] as const)
    .filter(([work, weight]) => weight > 0 && (!central || work.kind === 'UTILITY' || work.kind === 'BUILDING'));
  const chosen = only ? WORKS[only] : rng.weighted(choices);
  if (!chosen) throw new RangeError(`no work ${only} in the catalogue`);
  return chosen.plan(rng, site);
}

/** A plant an investor proposes (招商线索) before anything is registered: its name, industry and amount. */
export function proposedPlant(rng: Random, owner: DemoTenant, places: DemoPlaces): WorkPlan {
  const site: Site = { owner, county: places.countyOf(owner), class: ownerClassOf(owner), places };
  const isTown = isTownClass(site);
  const line = rng.pick(FACTORY_LINES.filter((l) => (isTown ? l.town : l.county).length > 0));
  return factoryWork(site, rng, line, rng.pick(isTown ? line.town : line.county), ProjectCategory.INVESTMENT_ATTRACTION, undefined);
}
