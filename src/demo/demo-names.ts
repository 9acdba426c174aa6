import { ProjectCategory, ProjectStage } from '../modules/project/project.enums';
import { TenantKind, TenantLevel } from '../modules/tenant/tenant.enums';
import type { Random } from './demo-primitives';

/**
 * Everything the demo writes in words: people, units, project names, progress notes, problems and
 * milestone titles. Names are assembled from parts the way a 重点项目 list reads, and are made up:
 * no real company, person or telephone number.
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

/** What is being built: drives the name, the owner, the progress notes and the milestones. */
export type WorkKind = 'FACTORY' | 'ENERGY' | 'ROAD' | 'UTILITY' | 'BUILDING' | 'FARM';

// ---------------------------------------------------------------------------------------------
// People and telephones

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '马', '朱', '胡', '郭', '高', '林', '何', '宋', '郑',
  '梁', '韩', '冯', '于', '董', '曹', '田', '崔', '魏', '姜', '贾', '袁', '邢', '孟', '侯', '程', '任', '范', '尹', '薛',
];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚',
  '建', '国', '华', '志', '红', '玉', '文', '海', '燕', '鹏', '宁', '晓', '东', '新', '振', '兴', '庆', '春', '立', '德',
  '永', '俊', '峰', '辉', '鑫', '亮', '凯', '倩', '莉', '斌', '瑞', '昊', '宇', '欣', '悦', '泽', '博', '雪', '琳', '晨',
];

export function personName(rng: Random): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

/** A made-up landline: the 德州 area code and seven digits (德州's local numbers have eight). */
export function phoneNumber(rng: Random): string {
  return `0534-${rng.int(2, 8)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Tenants and units

/** 德城区 -> 德城, 德州天衢新区 -> 天衢新区, 十里望回族镇 -> 十里望, but 糜镇 stays 糜镇. */
export function shortNameOf(tenant: DemoTenant): string {
  const name = tenant.name.replace(/^德州(?=.{3,})/, '');
  if (tenant.level === TenantLevel.CITY) return name.replace(/市$/, '');
  if (/(新区|开发区)$/.test(name)) return name;
  const short = name.replace(/(回族镇|街道|镇|乡|区|县|市)$/, '');
  return short.length >= 2 ? short : name;
}

/** The town's own government: 街道办事处 or 镇/乡人民政府. */
function townGovernment(town: DemoTenant): string {
  return town.kind === TenantKind.SUBDISTRICT ? `${town.name}办事处` : `${town.name}人民政府`;
}

const BRAND_FIRST = ['鑫', '恒', '泰', '瑞', '宏', '润', '盛', '金', '华', '德', '永', '嘉', '丰', '昌', '利', '信', '隆', '益', '凯', '博'];
const BRAND_SECOND = ['源', '达', '泰', '丰', '通', '祥', '远', '诚', '和', '安', '辰', '晟', '创', '嘉', '禾', '宇', '锦', '航', '力', '邦'];

function brand(rng: Random): string {
  const first = rng.pick(BRAND_FIRST);
  let second = rng.pick(BRAND_SECOND);
  while (second === first) second = rng.pick(BRAND_SECOND);
  return first + second;
}

function company(rng: Random, industry: string, countyShort: string): { full: string; short: string } {
  const name = brand(rng);
  const prefix = rng.weighted([['德州', 5], ['山东', 3], [countyShort, 2]] as const);
  const suffix = rng.weighted([['有限公司', 6], ['股份有限公司', 2], ['集团有限公司', 1]] as const);
  return { full: `${prefix}${name}${industry}${suffix}`, short: `${name}${industry}` };
}

// ---------------------------------------------------------------------------------------------
// Projects

export interface ProjectIdentity {
  name: string;
  ownerUnit: string;
  constructionContent: string;
  /** Privately owned (备案 code, a contract to sign) rather than government-built. */
  isEnterprise: boolean;
}

interface IdentityInput {
  kind: WorkKind;
  category: ProjectCategory;
  owner: DemoTenant;
  county: DemoTenant | undefined;
}

const FACTORY_LINES: readonly { product: string; industry: string; unit: string }[] = [
  { product: '新型建材', industry: '新材料', unit: '万吨' },
  { product: '功能糖', industry: '生物科技', unit: '万吨' },
  { product: '生物基新材料', industry: '新材料', unit: '万吨' },
  { product: '高性能玻璃纤维', industry: '新材料', unit: '万吨' },
  { product: '精细化工中间体', industry: '化工', unit: '万吨' },
  { product: '高端不锈钢管材', industry: '金属制品', unit: '万吨' },
  { product: '绿色饲料', industry: '农牧科技', unit: '万吨' },
  { product: '预制菜', industry: '食品', unit: '万吨' },
  { product: '中央空调机组', industry: '空调设备', unit: '万台' },
  { product: '新能源汽车零部件', industry: '汽车零部件', unit: '万套' },
  { product: '智能健身器材', industry: '体育用品', unit: '万台' },
  { product: '高效节能电机', industry: '电机', unit: '万台' },
  { product: '智能农机装备', industry: '机械制造', unit: '台（套）' },
  { product: '锂电池隔膜', industry: '新能源科技', unit: '亿平方米' },
  { product: '医用防护用品', industry: '医疗器械', unit: '亿件' },
  { product: '高档纺织面料', industry: '纺织', unit: '万米' },
];

const ENERGY_WORKS = ['农光互补光伏发电', '分布式光伏发电', '风电', '独立储能电站', '生物质热电联产', '氢能产业园'];
const ROAD_RIVERS = ['减河', '马颊河', '德惠新河', '漳卫新河', '徒骇河', '岔河'];
const ROAD_NAMES = ['东方红', '崇德', '湖滨', '天衢', '新河', '晶华', '尚德', '康博', '迎宾', '致远'];

function productScale(rng: Random, unit: string): string {
  if (unit === '台（套）') return `${rng.pick([500, 800, 1000, 2000, 3000])}台（套）`;
  if (unit.startsWith('亿')) return `${rng.pick([1, 2, 3, 5])}${unit}`;
  return `${rng.pick([1, 2, 3, 5, 6, 8, 10, 12, 15, 20, 30, 50])}${unit}`;
}

/** The project's name, owner unit and construction content, by what is built and who builds it. */
export function projectIdentity(rng: Random, { kind, category, owner, county }: IdentityInput): ProjectIdentity {
  const place = owner.name;
  const placeShort = shortNameOf(owner);
  const countyShort = county ? shortNameOf(county) : '德州';
  const isTown = owner.level === TenantLevel.TOWN;
  const governmentOf = (department: string): string => (isTown ? townGovernment(owner) : `${owner.name}${department}`);
  const areaSqm = (min: number, max: number): number => rng.int(min, max) * 1000;

  switch (kind) {
    case 'FACTORY': {
      const line = rng.pick(FACTORY_LINES);
      const firm = company(rng, line.industry, countyShort);
      const prefix = rng.weighted([[firm.short, 4], [placeShort, 3], ['', 3]] as const);
      const name =
        category === ProjectCategory.INDUSTRIAL_UPGRADE
          ? rng.pick([
              `${prefix}${line.product}生产线技术改造项目`,
              `${prefix}${line.product}智能化数字化改造项目`,
              `${prefix}${line.product}扩产技改项目`,
            ])
          : rng.pick([
              `${prefix}年产${productScale(rng, line.unit)}${line.product}项目`,
              `${prefix}${line.product}生产基地项目`,
              `${placeShort}${line.industry}智能制造产业园项目`,
            ]);
      return {
        name,
        ownerUnit: firm.full,
        constructionContent:
          `新建生产车间、仓库及配套用房，总建筑面积${areaSqm(8, 120)}平方米，` +
          `购置${line.product}生产设备${rng.int(40, 400)}台（套），建成后${rng.pick(['年产', '形成年产'])}${productScale(rng, line.unit)}${line.product}生产能力。`,
        isEnterprise: true,
      };
    }
    case 'ENERGY': {
      const work = rng.pick(ENERGY_WORKS);
      const capacity = rng.pick([50, 100, 150, 200, 300]);
      const firm = company(rng, '新能源', countyShort);
      const name = /光伏|风电/.test(work)
        ? `${placeShort}${capacity}MW${work}项目`
        : work === '独立储能电站'
          ? `${placeShort}${capacity}MW/${capacity * 2}MWh${work}项目`
          : `${placeShort}${work}项目`;
      return {
        name,
        ownerUnit: firm.full,
        constructionContent: `建设规模${capacity}MW，配套建设升压站、集电线路及送出工程。`,
        isEnterprise: true,
      };
    }
    case 'ROAD': {
      const length = rng.int(3, 40);
      const name = rng.pick([
        `国道${rng.pick([104, 105, 308])}线${placeShort}段改扩建工程`,
        `省道${rng.pick([240, 248, 253, 314, 315, 316])}线${placeShort}段改建工程`,
        `${place}${rng.pick(ROAD_NAMES)}路道路及配套管网工程`,
        `${place}农村公路提档升级工程`,
        `${place}${rng.pick(ROAD_RIVERS)}大桥工程`,
        `${placeShort}物流园铁路专用线工程`,
      ]);
      const builder =
        owner.level === TenantLevel.CITY
          ? rng.pick(['德州市交通运输局', '德州市交通发展集团有限公司'])
          : isTown
            ? `${county?.name ?? ''}交通运输局`
            : rng.pick([`${owner.name}交通运输局`, `${countyShort}城市建设投资有限公司`]);
      return {
        name,
        ownerUnit: builder,
        constructionContent: `全长${length}公里，按${rng.pick(['一级公路', '二级公路', '城市主干路', '城市次干路'])}标准建设，路基宽度${rng.pick([12, 16, 24.5, 32, 40])}米，同步实施排水、照明及绿化工程。`,
        isEnterprise: false,
      };
    }
    case 'UTILITY': {
      const work = rng.pick([
        { name: '污水处理厂提标改造工程', content: `新建深度处理单元，处理规模${rng.pick([2, 3, 5, 8])}万吨/日，出水达到地表水准Ⅳ类标准。` },
        { name: '老旧小区改造项目', content: `改造老旧小区${rng.int(6, 40)}个，涉及${rng.int(1, 9) * 1000}户，实施管网更新、外墙保温及配套设施改造。` },
        { name: '集中供热管网改造工程', content: `新建及改造供热管网${rng.int(8, 60)}公里，新建换热站${rng.int(3, 20)}座。` },
        { name: '雨污分流改造工程', content: `新建雨水管网${rng.int(5, 40)}公里、污水管网${rng.int(5, 40)}公里。` },
        { name: '城市更新项目', content: `实施片区改造，总占地${rng.int(200, 1500)}亩，建设安置住房、道路及公共服务设施。` },
        { name: '湿地公园建设项目', content: `建设湿地公园${rng.int(300, 2000)}亩，实施水系连通、生态修复及游园设施。` },
        { name: '农村生活污水治理项目', content: `治理行政村${rng.int(10, 80)}个，新建污水收集管网及一体化处理设施。` },
        { name: '保障性租赁住房项目', content: `建设保障性租赁住房${rng.int(3, 20) * 100}套，总建筑面积${areaSqm(30, 150)}平方米。` },
      ]);
      return {
        name: `${place}${work.name}`,
        ownerUnit: rng.chance(0.35) && !isTown ? `${countyShort}城市建设投资有限公司` : governmentOf(rng.pick(['住房和城乡建设局', '水务局', '城市管理局'])),
        constructionContent: work.content,
        isEnterprise: false,
      };
    }
    case 'BUILDING': {
      const works = isTown
        ? [
            { name: '中心卫生院改扩建项目', unit: '卫生健康局', content: `新建门诊病房综合楼，总建筑面积${areaSqm(5, 15)}平方米，新增床位${rng.int(40, 120)}张。` },
            { name: '中心幼儿园建设项目', unit: '教育和体育局', content: `新建${rng.pick([9, 12, 15])}班幼儿园，总建筑面积${areaSqm(3, 6)}平方米。` },
            { name: '中学教学楼建设项目', unit: '教育和体育局', content: `新建教学楼及实验楼，总建筑面积${areaSqm(8, 20)}平方米，新增学位${rng.int(8, 20) * 100}个。` },
            { name: '养老服务中心建设项目', unit: '民政局', content: `新建养老服务中心，设置床位${rng.int(100, 300)}张。` },
          ]
        : [
            { name: '人民医院病房综合楼项目', unit: '卫生健康局', content: `新建病房综合楼，总建筑面积${areaSqm(30, 90)}平方米，新增床位${rng.int(300, 800)}张。` },
            { name: `第${rng.pick(['二', '三', '四', '五', '六', '七', '九', '十一'])}中学新建工程`, unit: '教育和体育局', content: `新建教学楼、实验楼、宿舍楼及风雨操场，总建筑面积${areaSqm(40, 100)}平方米，新增学位${rng.int(20, 50) * 100}个。` },
            { name: '实验小学新建工程', unit: '教育和体育局', content: `新建${rng.pick([36, 48, 54])}班小学，总建筑面积${areaSqm(20, 40)}平方米。` },
            { name: '全民健身中心项目', unit: '教育和体育局', content: `建设综合体育馆、游泳馆及室外运动场，总建筑面积${areaSqm(15, 40)}平方米。` },
            { name: '职业教育实训基地项目', unit: '教育和体育局', content: `建设实训楼及配套设施，总建筑面积${areaSqm(20, 60)}平方米。` },
            { name: '疾病预防控制中心业务楼项目', unit: '卫生健康局', content: `新建业务综合楼及实验室，总建筑面积${areaSqm(10, 25)}平方米。` },
          ];
      const work = rng.pick(works);
      return {
        name: `${place}${work.name}`,
        ownerUnit: isTown ? `${county?.name ?? ''}${work.unit}` : `${owner.name}${work.unit}`,
        constructionContent: work.content,
        isEnterprise: false,
      };
    }
    case 'FARM': {
      const work = rng.pick([
        { name: '高标准农田建设项目', content: `建设高标准农田${rng.int(1, 5)}万亩，配套灌排、田间道路及农田输配电工程。`, enterprise: false },
        { name: '现代农业产业园项目', content: `建设智能温室、育苗中心及农产品加工车间，总占地${rng.int(200, 1200)}亩。`, enterprise: true },
        { name: '果蔬冷链物流项目', content: `建设冷库${rng.int(1, 5) * 10000}立方米及分拣加工中心。`, enterprise: true },
        { name: '设施农业大棚项目', content: `建设高标准日光温室${rng.int(50, 300)}座。`, enterprise: true },
        { name: '乡村振兴示范片区项目', content: `实施人居环境整治、道路硬化及特色产业培育，覆盖行政村${rng.int(5, 20)}个。`, enterprise: false },
      ]);
      return {
        name: `${placeShort}${work.name}`,
        ownerUnit: work.enterprise ? company(rng, '农业发展', countyShort).full : governmentOf('农业农村局'),
        constructionContent: work.content,
        isEnterprise: work.enterprise,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Monthly reports

const PROGRESS_NOTES: Record<WorkKind, readonly (readonly string[])[]> = {
  FACTORY: [
    ['完成场地平整及围挡，桩基施工进行中', '完成土地摘牌，临建设施搭设完成，基础开挖中'],
    ['厂房基础施工完成，钢结构主体吊装完成{pct}%', '1号车间基础浇筑完成，2号车间基础开挖中'],
    ['主体结构施工完成{pct}%，设备基础浇筑完成', '厂房主体封顶，外墙板及屋面板安装中'],
    ['生产设备陆续进场，安装完成{pct}%', '生产线设备安装调试中，配套办公楼装修中'],
    ['设备调试基本完成，准备试生产', '进入联动试车阶段，配套工程收尾'],
  ],
  ENERGY: [
    ['完成场地平整，桩基施工完成{pct}%', '升压站土建开工，支架基础施工中'],
    ['支架安装完成{pct}%，组件陆续到货', '升压站主体完成，电缆敷设进行中'],
    ['组件安装完成{pct}%，集电线路架设中', '主变安装完成，二次设备调试中'],
    ['送出线路施工中，部分方阵具备并网条件', '设备调试完成{pct}%'],
    ['完成并网验收准备', '全容量并网调试中'],
  ],
  ROAD: [
    ['征地拆迁完成{pct}%，路基土方施工中', '完成清表，管线迁改同步推进'],
    ['路基完成{km}公里，桥涵桩基施工中', '路基土方完成{pct}%，涵洞施工完成{n}道'],
    ['水稳层铺筑完成{km}公里，桥梁上部结构施工中', '桥梁下部结构完成，梁板预制完成{pct}%'],
    ['沥青面层摊铺完成{pct}%，附属工程施工中', '路面工程完成{km}公里，交通安全设施安装中'],
    ['交安设施安装完成，具备交工验收条件', '附属工程收尾，准备交工验收'],
  ],
  UTILITY: [
    ['施工围挡完成，管网开挖进行中', '完成施工图审查，首批管材进场'],
    ['管网铺设完成{km}公里', '主体工程完成{pct}%，管网配套同步推进'],
    ['管网铺设完成{pct}%，检查井砌筑中', '主体工程完成{pct}%，设备采购完成'],
    ['设备安装完成{pct}%，路面恢复中', '主体完工，附属设施施工中'],
    ['系统联调完成，准备竣工验收', '工程收尾，竣工资料整理中'],
  ],
  BUILDING: [
    ['基础开挖完成，垫层浇筑中', '完成桩基施工，基础承台施工中'],
    ['基础工程完成，主体施工至{floor}层', '主体结构施工完成{pct}%'],
    ['主体结构封顶，二次结构砌筑中', '主体封顶，外墙保温施工中'],
    ['室内外装修完成{pct}%', '水电暖安装完成{pct}%，室外配套施工中'],
    ['室外配套工程收尾，设备采购安装中', '竣工验收准备中'],
  ],
  FARM: [
    ['土地平整完成{pct}%，灌排渠系施工中', '完成地块清表，机井施工中'],
    ['灌排渠系完成{km}公里，田间道路施工中', '温室基础施工完成{pct}%'],
    ['田间道路完成{km}公里，农田输配电施工中', '温室主体安装完成{pct}%'],
    ['配套设施完成{pct}%，苗木种植中', '加工车间设备安装中'],
    ['工程收尾，准备验收', '完成试运行'],
  ],
};

/** Physical progress (形象进度) in words, by what is built and how much of it is done. */
export function progressNote(rng: Random, kind: WorkKind, doneShare: number, isCompletionMonth: boolean): string {
  if (isCompletionMonth) return rng.pick(['项目完成竣工验收', '工程全部完工，完成竣工验收备案', '项目竣工，进入试运行']);
  const notes = PROGRESS_NOTES[kind];
  const step = Math.min(notes.length - 1, Math.floor(doneShare * notes.length));
  // Physical progress follows the money, give or take a few points.
  const pct = Math.max(5, Math.min(98, Math.round(doneShare * 100) + rng.int(-3, 5)));
  return rng
    .pick(notes[step] ?? ['工程有序推进'])
    .replace('{pct}', String(pct))
    .replace('{km}', String(Math.max(1, Math.round(doneShare * rng.int(8, 30)))))
    .replace('{n}', String(rng.int(2, 12)))
    .replace('{floor}', String(rng.int(2, 6)));
}

/** 要素制约 as a town writes them in the report's problems box. */
const PROBLEMS = [
  '用地指标未落实，影响二期工程开工',
  '环评手续办理中，尚未取得批复',
  '施工许可证办理中',
  '资金到位不足，融资贷款正在审批',
  '部分地块征地拆迁未完成',
  '能耗指标待上级调剂',
  '供电线路迁改进度滞后',
  '重污染天气管控期间停工',
  '原材料价格上涨，施工单位资金压力较大',
  '连续降雨影响土方施工',
  '规划调整，设计方案待重新审查',
  '地下管线迁改协调难度大',
];

export function problemText(rng: Random): string {
  return rng.pick(PROBLEMS);
}

// ---------------------------------------------------------------------------------------------
// Milestones and stage changes

/** Steps of each kind of work, in the order they happen; a project's milestones are a subset. */
export const MILESTONE_STEPS: Record<WorkKind, readonly string[]> = {
  FACTORY: ['施工许可办理完成', '厂房基础完工', '厂房主体封顶', '设备进场安装', '设备调试完成', '试生产', '竣工验收'],
  ENERGY: ['升压站土建完工', '支架基础完工', '组件安装完成', '集电线路完工', '首批并网', '全容量并网'],
  ROAD: ['征地拆迁完成', '管线迁改完成', '路基工程完工', '桥涵工程完工', '路面工程完工', '交工验收'],
  UTILITY: ['施工图审查完成', '主体工程开工', '管网铺设完成', '设备安装调试', '通水（通热）运行', '竣工验收'],
  BUILDING: ['基础工程完工', '主体结构封顶', '二次结构完成', '室内外装修完成', '室外配套完工', '竣工验收交付使用'],
  FARM: ['土地平整完成', '灌排工程完工', '田间道路完工', '配套设施完工', '竣工验收'],
};

export const START_MILESTONE = '项目开工建设';

export function lateMilestoneNote(rng: Random): string {
  return rng.pick(['受连续降雨影响，延期完成', '手续办理滞后，延期完成', '设备到货延迟，延期完成', '经协调后完成']);
}

export function overdueMilestoneNote(rng: Random): string {
  return `${problemText(rng)}，正在协调推进`;
}

export function stageChangeNote(rng: Random, stage: ProjectStage, kind: WorkKind): string {
  switch (stage) {
    case ProjectStage.PLANNED:
      return rng.pick(['纳入重点项目储备库', '完成项目谋划，纳入项目库']);
    case ProjectStage.PREPARATORY:
      return rng.pick(['完成立项备案，开展前期手续办理', '可行性研究报告编制完成', '取得项目代码，启动规划设计']);
    case ProjectStage.SIGNED:
      return rng.pick(['签订投资合作协议', '签订正式投资合同']);
    case ProjectStage.STARTED:
      return rng.pick(['取得施工许可证，正式开工', '参加全市重点项目集中开工', '具备开工条件，正式开工建设']);
    case ProjectStage.UNDER_CONSTRUCTION:
      return rng.pick(['主体工程全面施工', '施工队伍全面进场']);
    case ProjectStage.COMPLETED:
      return '完成竣工验收';
    case ProjectStage.IN_OPERATION:
      return kind === 'FACTORY' || kind === 'FARM' ? '正式投产' : kind === 'ENERGY' ? '全容量并网运行' : '交付使用';
    case ProjectStage.AT_DESIGN_CAPACITY:
      return '达到设计产能';
  }
}
