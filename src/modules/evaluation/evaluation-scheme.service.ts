import type { Context } from '../../context';
import { forbidden } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { TenantLevel } from '../tenant/tenant.enums';
import { TenantService } from '../tenant/tenant.service';
import { EvaluationMeasure, ScoringMethod } from './evaluation.enums';
import { EvaluationScheme, SchemeMeasure } from './evaluation-scheme.entity';
import type { SchemeMeasureInput, SetEvaluationSchemeInput } from './evaluation-scheme.inputs';

const measure = (rule: SchemeMeasure): SchemeMeasure => Object.assign(new SchemeMeasure(), rule);

/**
 * The scheme a city uses until it sets its own, as offices commonly weigh the work: investment
 * completed against time progress first, then starts, the discipline of reporting, clearing
 * blockers and supervision orders, and attraction contracts kept. Absolute methods only: by place
 * (RANK) every county would earn full marks when all of them closed nothing, so a city that wants
 * a relative measure chooses it.
 */
export const DEFAULT_SCHEME_MEASURES: readonly SchemeMeasure[] = [
  measure({ measure: EvaluationMeasure.PROGRESS_GAP, weight: 40, method: ScoringMethod.LINEAR, floor: -20, target: 0, step: null }),
  measure({ measure: EvaluationMeasure.NEW_START_RATE, weight: 20, method: ScoringMethod.LINEAR, floor: 50, target: 100, step: null }),
  measure({ measure: EvaluationMeasure.ON_TIME_REPORTING, weight: 15, method: ScoringMethod.LINEAR, floor: 80, target: 100, step: null }),
  measure({ measure: EvaluationMeasure.BLOCKER_RESOLUTION, weight: 10, method: ScoringMethod.LINEAR, floor: 50, target: 100, step: null }),
  measure({ measure: EvaluationMeasure.ORDER_CLOSURE, weight: 10, method: ScoringMethod.LINEAR, floor: 50, target: 100, step: null }),
  measure({
    measure: EvaluationMeasure.ATTRACTION_FULFILMENT,
    weight: 5,
    method: ScoringMethod.THRESHOLD,
    floor: null,
    target: 80,
    step: null,
  }),
];

const MAX_MEASURES = Object.keys(EvaluationMeasure).length;
/** Bounds of a floor or target: figures are percentages or points, and rates past 1000% are typos. */
const FIGURE_LIMIT = 1000;

const defaultScheme = (cityCode: string): EvaluationScheme =>
  Object.assign(new EvaluationScheme(), { cityCode, version: 0, measures: DEFAULT_SCHEME_MEASURES.map(measure) });

/** The problems of one measure of a new scheme, each naming its field (`input.measures.2.target`). */
function checkMeasure(rule: SchemeMeasureInput, at: string, problems: InputProblems): void {
  const label = ENUM_LABELS.EvaluationMeasure[rule.measure].zh;
  const method = ENUM_LABELS.ScoringMethod[rule.method].zh;
  const isFigure = (v: number | null | undefined): v is number => typeof v === 'number' && Math.abs(v) <= FIGURE_LIMIT;
  problems.require(rule.weight >= 1 && rule.weight <= 100, `${at}.weight`, {
    zh: `${label}的分值须为 1 至 100 的整数，实际为 ${rule.weight}`,
    en: `the weight of ${rule.measure} must be from 1 to 100, got ${rule.weight}`,
  });
  const needs = {
    floor: rule.method === ScoringMethod.LINEAR,
    target: rule.method !== ScoringMethod.RANK,
    step: rule.method === ScoringMethod.RANK,
  };
  for (const key of ['floor', 'target'] as const) {
    const value = rule[key];
    if (needs[key])
      problems.require(isFigure(value), `${at}.${key}`, {
        zh: `${label}按${method}评分时须填写 ${key}，取值 -${FIGURE_LIMIT} 至 ${FIGURE_LIMIT}`,
        en: `${key} from -${FIGURE_LIMIT} to ${FIGURE_LIMIT} is required when ${rule.measure} is scored ${rule.method}`,
      });
    else
      problems.require(value === null || value === undefined, `${at}.${key}`, {
        zh: `${label}按${method}评分时不填写 ${key}`,
        en: `${key} is not given when ${rule.measure} is scored ${rule.method}`,
      });
  }
  if (needs.floor && isFigure(rule.floor) && isFigure(rule.target))
    problems.require(rule.floor < rule.target, `${at}.target`, {
      zh: `${label}的目标值（${rule.target}）须大于起评值（${rule.floor}）`,
      en: `the target of ${rule.measure} (${rule.target}) must be above its floor (${rule.floor})`,
    });
  if (needs.step)
    problems.require(typeof rule.step === 'number' && rule.step > 0 && rule.step <= rule.weight, `${at}.step`, {
      zh: `${label}按名次法评分时每降一位扣分须大于 0 且不超过分值 ${rule.weight}，实际为 ${rule.step ?? '未填写'}`,
      en: `the step of ${rule.measure} scored RANK must be above 0 and at most its weight ${rule.weight}, got ${rule.step ?? 'none'}`,
    });
  else
    problems.require(rule.step === null || rule.step === undefined, `${at}.step`, {
      zh: `${label}按${method}评分时不填写 step`,
      en: `step is not given when ${rule.measure} is scored ${rule.method}`,
    });
}

/**
 * Cities' evaluation schemes: read by everyone who reads an evaluation (they explain the scores),
 * set by the city's managers (its leaders), each change a new version.
 */
export class EvaluationSchemeService {
  constructor(private readonly ctx: Context) {}

  /** The scheme in force in the city a tenant path belongs to (its first segment): its latest version, or the default. */
  async forPath(path: string): Promise<EvaluationScheme> {
    const cityCode = path.split('.')[0]!;
    const latest = await this.ctx.em.findOne(EvaluationScheme, { cityCode }, { orderBy: { version: 'desc' } });
    return latest ?? defaultScheme(cityCode);
  }

  /**
   * The scheme that was in force in the city at `instant`: the last version set before it, or the
   * default while the city had set none. A past quarter's ranks are those of the rules of the day.
   */
  async inForceAt(path: string, instant: Date): Promise<EvaluationScheme> {
    const cityCode = path.split('.')[0]!;
    const then = await this.ctx.em.findOne(EvaluationScheme, { cityCode, createdAt: { $lt: instant } }, { orderBy: { version: 'desc' } });
    return then ?? defaultScheme(cityCode);
  }

  async get(cityCode: string): Promise<EvaluationScheme> {
    return this.forPath((await new TenantService(this.ctx).get(cityCode)).path);
  }

  /** Every version the city has set, newest first; empty while it uses the default. */
  async history(cityCode: string): Promise<EvaluationScheme[]> {
    const city = await new TenantService(this.ctx).get(cityCode);
    return this.ctx.em.find(EvaluationScheme, { cityCode: city.path.split('.')[0]! }, { orderBy: { version: 'desc' } });
  }

  async set(input: SetEvaluationSchemeInput): Promise<EvaluationScheme> {
    const city = await new TenantService(this.ctx).get(input.cityCode);
    if (city.level !== TenantLevel.CITY || !this.ctx.access.managesProjectsAt(city.path)) {
      throw forbidden({
        zh: '只有本市的市级领导可以修改季度评比考核办法',
        en: "only the city's leaders may change its evaluation scheme",
      });
    }
    const problems = new InputProblems();
    problems.require(input.measures.length >= 1 && input.measures.length <= MAX_MEASURES, 'input.measures', {
      zh: `考核指标须为 1 至 ${MAX_MEASURES} 项，实际为 ${input.measures.length} 项`,
      en: `a scheme has 1 to ${MAX_MEASURES} measures, got ${input.measures.length}`,
    });
    const seen = new Set<EvaluationMeasure>();
    input.measures.forEach((rule, i) => {
      problems.require(!seen.has(rule.measure), `input.measures.${i}.measure`, {
        zh: `考核指标“${ENUM_LABELS.EvaluationMeasure[rule.measure].zh}”重复`,
        en: `${rule.measure} is listed twice`,
      });
      seen.add(rule.measure);
      checkMeasure(rule, `input.measures.${i}`, problems);
    });
    const total = input.measures.reduce((sum, rule) => sum + rule.weight, 0);
    problems.require(total === 100, 'input.measures', {
      zh: `各项考核指标分值之和须为 100，实际为 ${total}`,
      en: `the weights must sum to 100, got ${total}`,
    });
    problems.throwIfAny();

    const current = await this.forPath(city.path);
    const next = this.ctx.em.create(EvaluationScheme, {
      cityCode: city.code,
      version: current.version + 1,
      measures: input.measures.map((rule) =>
        measure({
          measure: rule.measure,
          weight: rule.weight,
          method: rule.method,
          floor: rule.floor ?? null,
          target: rule.target ?? null,
          step: rule.step ?? null,
        }),
      ),
      createdAt: new Date(),
      createdBy: this.ctx.viewer.subject,
      createdByName: this.ctx.viewer.name,
    });
    // Two managers saving at once both aim at the same version: the primary key refuses the second (CONFLICT).
    await this.ctx.em.persist(next).flush();
    return next;
  }
}
