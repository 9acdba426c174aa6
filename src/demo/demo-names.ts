import { ProjectStage } from '../modules/project/project.enums';
import { type DemoTenant, shortNameOf } from './demo-places';
import type { Random } from './demo-primitives';

/**
 * The demo's words: people, companies, progress notes, problems and milestone titles, assembled
 * from parts the way a 重点项目 list reads. People, telephone numbers and companies are made up;
 * only the power groups that build most wind and solar plants (华能, 华电 ...) are real names.
 */

/** What is being built: drives the name, the owner, the progress notes and the milestones. */
export type WorkKind = 'FACTORY' | 'ENERGY' | 'ROAD' | 'UTILITY' | 'BUILDING' | 'FARM';

// ---------------------------------------------------------------------------------------------
// People and telephones

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '孙',
  '周',
  '吴',
  '徐',
  '马',
  '朱',
  '胡',
  '郭',
  '高',
  '林',
  '何',
  '宋',
  '郑',
  '梁',
  '韩',
  '冯',
  '于',
  '董',
  '曹',
  '田',
  '崔',
  '魏',
  '姜',
  '贾',
  '袁',
  '邢',
  '孟',
  '侯',
  '程',
  '任',
  '范',
  '尹',
  '薛',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '建',
  '国',
  '华',
  '志',
  '红',
  '玉',
  '文',
  '海',
  '燕',
  '鹏',
  '宁',
  '晓',
  '东',
  '新',
  '振',
  '兴',
  '庆',
  '春',
  '立',
  '德',
  '永',
  '俊',
  '峰',
  '辉',
  '鑫',
  '亮',
  '凯',
  '倩',
  '莉',
  '斌',
  '瑞',
  '昊',
  '宇',
  '欣',
  '悦',
  '泽',
  '博',
  '雪',
  '琳',
  '晨',
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
// Companies

const BRAND_FIRST = [
  '鑫',
  '恒',
  '泰',
  '瑞',
  '宏',
  '润',
  '盛',
  '金',
  '华',
  '德',
  '永',
  '嘉',
  '丰',
  '昌',
  '利',
  '信',
  '隆',
  '益',
  '凯',
  '博',
];
const BRAND_SECOND = [
  '源',
  '达',
  '泰',
  '丰',
  '通',
  '祥',
  '远',
  '诚',
  '和',
  '安',
  '辰',
  '晟',
  '创',
  '嘉',
  '禾',
  '宇',
  '锦',
  '航',
  '力',
  '邦',
];

function brand(rng: Random): string {
  const first = rng.pick(BRAND_FIRST);
  let second = rng.pick(BRAND_SECOND);
  while (second === first) second = rng.pick(BRAND_SECOND);
  return first + second;
}

export interface Company {
  /** Registered name (德州鑫源新材料有限公司). */
  name: string;
  /** What a project list calls it (鑫源新材料). */
  short: string;
}

/** A company from elsewhere courted by investment attraction (招商引资), as its lead records it. */
export interface Investor extends Company {
  /** 客商来源地. */
  origin: string;
  /** The industry the ledger files it under (新能源, 高端装备 ...). */
  industry: string;
}

const SUFFIXES = [
  ['有限公司', 6],
  ['股份有限公司', 2],
  ['集团有限公司', 1],
] as const;

/** A company of the county or the city: 德州鑫源新材料有限公司, 齐河恒达食品有限公司. */
export function localCompany(rng: Random, trade: string, county: DemoTenant): Company {
  const name = brand(rng);
  const prefix = rng.weighted([
    ['德州', 5],
    ['山东', 3],
    [shortNameOf(county), 2],
  ] as const);
  return { name: `${prefix}${name}${trade}${rng.weighted(SUFFIXES)}`, short: `${name}${trade}` };
}

/** Where investors come from, and how their companies' names begin. */
const ORIGINS = [
  ['广东省深圳市', '深圳市'],
  ['江苏省苏州市', '苏州'],
  ['江苏省无锡市', '无锡'],
  ['浙江省宁波市', '宁波'],
  ['浙江省杭州市', '杭州'],
  ['北京市', '北京'],
  ['上海市', '上海'],
  ['天津市', '天津'],
  ['山东省青岛市', '青岛'],
  ['山东省济南市', '济南'],
  ['河北省石家庄市', '石家庄'],
  ['福建省厦门市', '厦门'],
] as const;

export function investorCompany(rng: Random, trade: string, industry: string): Investor {
  const [origin, prefix] = rng.pick(ORIGINS);
  const name = brand(rng);
  return { name: `${prefix}${name}${trade}${rng.weighted(SUFFIXES)}`, short: `${name}${trade}`, origin, industry };
}

/** The power groups' local companies build most wind, solar and storage plants: 华能齐河新能源有限公司. */
export function energyCompany(rng: Random, county: DemoTenant): string {
  return `${rng.pick(['华能', '华电', '国家电投', '大唐', '三峡'])}${shortNameOf(county)}新能源有限公司`;
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

/** What a project not yet started reports each month: how far its preparations (前期工作) have got. */
const PREPARATION_NOTES: Partial<Record<ProjectStage, readonly string[]>> = {
  [ProjectStage.PLANNED]: ['项目谋划论证中，正在编制项目建议书', '正在开展项目选址和前期论证', '项目建议书已报审，等待批复'],
  [ProjectStage.PREPARATORY]: [
    '可行性研究报告编制中',
    '可研报告已批复，正在开展初步设计',
    '用地预审与选址意见书已办理，环评手续办理中',
    '正在办理建设用地规划许可证',
    '施工图设计审查中，同步办理施工许可',
    '施工招标准备中，计划近期开工',
  ],
  [ProjectStage.SIGNED]: [
    '投资合同已签订，正在办理项目备案和用地手续',
    '项目已备案，正在办理规划许可及环评手续',
    '土地摘牌手续办理中，施工图设计同步推进',
  ],
};

/** 前期工作进展: the month's report of a project still preparing its start. */
export function preparationNote(rng: Random, stage: ProjectStage): string {
  return rng.pick(PREPARATION_NOTES[stage] ?? PREPARATION_NOTES[ProjectStage.PREPARATORY]!);
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
