import { yearRangeProblem } from '../../calendar/input-range';
import { chinaDate } from '../../calendar/period';
import { emptyText, fieldLabel, fieldProblem, textTooLong, type InputProblems } from '../../errors/input-problems';
import { compareWan } from '../../money/wan';
import type { DesignationLevel } from './project.enums';
import { normalizeProjectCode, projectCodeProblem } from './project-code';

/** The fields of a project that creation and update check alike, as they will be after the change. */
export interface ProjectFieldValues {
  name: string;
  code: string | undefined;
  totalInvestmentWan: string;
  fundsInPlaceWan: string;
  completedBeforeTrackingWan: string;
  plannedStartOn: string | undefined;
  plannedCompletionOn: string | undefined;
  designationLevels: DesignationLevel[];
}

export const MAX_NAME_LENGTH = 200;

const DUPLICATE_LEVEL = { zh: '重点项目级别重复', en: 'a designation level is listed twice' };

/** The project's short descriptive fields and their columns' lengths (varchar): longer text is refused, not cut. */
export const DESCRIPTIVE_FIELD_LENGTHS = { ownerUnit: 200, contactName: 50, contactPhone: 30 } as const;

/** How the messages name them to a person: the terms of the inputs' descriptions. */
const DESCRIPTIVE_FIELD_TERMS: Readonly<Record<keyof typeof DESCRIPTIVE_FIELD_LENGTHS, string>> = {
  ownerUnit: '项目业主 / 建设单位',
  contactName: '联系人',
  contactPhone: '联系电话',
};

/** The project's name, as its form calls it. */
const NAME_TERM = '项目名称';

/** Records a problem for each descriptive field longer than its column. */
export function checkDescriptiveFields(
  values: Partial<Record<keyof typeof DESCRIPTIVE_FIELD_LENGTHS, string | null>>,
  problems: InputProblems,
  prefix = 'input',
): void {
  for (const [name, max] of Object.entries(DESCRIPTIVE_FIELD_LENGTHS)) {
    const text = cleanText(values[name as keyof typeof DESCRIPTIVE_FIELD_LENGTHS]);
    const field = `${prefix}.${name}`;
    const label = fieldLabel(DESCRIPTIVE_FIELD_TERMS[name as keyof typeof DESCRIPTIVE_FIELD_LENGTHS], field);
    problems.require((text ?? '').length <= max, field, textTooLong(label, max));
  }
}

/** Trims free text; an empty string means "nothing". */
export function cleanText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Returns the code as it will be stored (normalized) and records a problem when it is malformed.
 * People paste codes from Word with full-width digits and dashes, hence the normalization.
 */
export function checkedProjectCode(raw: string | null | undefined, field: string, problems: InputProblems): string | undefined {
  const text = cleanText(raw);
  if (text === undefined) return undefined;
  const code = normalizeProjectCode(text);
  const problem = projectCodeProblem(code, chinaDate());
  if (problem) {
    problems.add(field, {
      zh: `项目代码无效（GB/T 40058-2021）：${problem.zh}`,
      en: `${field} is not a valid project code (GB/T 40058-2021): ${problem.en}`,
    });
  }
  return code;
}

/** The rules every project obeys, reported per field with the input's field names. */
export function checkProjectFields(values: ProjectFieldValues, problems: InputProblems, prefix = 'input'): void {
  const field = (name: keyof ProjectFieldValues) => `${prefix}.${name}`;
  const name = fieldLabel(NAME_TERM, field('name'));
  problems.require(values.name.length > 0, field('name'), emptyText(name));
  problems.require(values.name.length <= MAX_NAME_LENGTH, field('name'), textTooLong(name, MAX_NAME_LENGTH));
  problems.require(compareWan(values.totalInvestmentWan, '0') > 0, field('totalInvestmentWan'), {
    zh: '总投资须大于 0 万元',
    en: 'total investment must be more than 0 万元',
  });
  problems.require(compareWan(values.fundsInPlaceWan, values.totalInvestmentWan) <= 0, field('fundsInPlaceWan'), {
    zh: '到位资金不能超过总投资',
    en: 'funds in place cannot exceed the total investment',
  });
  problems.require(compareWan(values.completedBeforeTrackingWan, values.totalInvestmentWan) <= 0, field('completedBeforeTrackingWan'), {
    zh: '纳入调度前已完成投资不能超过总投资',
    en: 'investment completed before tracking cannot exceed the total investment',
  });
  if (values.plannedStartOn && values.plannedCompletionOn) {
    problems.require(values.plannedStartOn <= values.plannedCompletionOn, field('plannedCompletionOn'), {
      zh: '计划竣工日期不能早于计划开工日期',
      en: 'planned completion cannot come before the planned start',
    });
  }
  problems.require(new Set(values.designationLevels).size === values.designationLevels.length, field('designationLevels'), DUPLICATE_LEVEL);
}

export function checkAnnualPlan(
  plan: { year: number; plannedInvestmentWan: string; designationLevels?: DesignationLevel[] | null },
  totalInvestmentWan: string,
  field: string,
  problems: InputProblems,
): void {
  const yearOutOfReach = yearRangeProblem(plan.year, 'planning');
  if (yearOutOfReach) problems.add(`${field}.year`, fieldProblem(fieldLabel('年度计划的年份', `${field}.year`), yearOutOfReach));
  problems.require(compareWan(plan.plannedInvestmentWan, totalInvestmentWan) <= 0, `${field}.plannedInvestmentWan`, {
    zh: `${plan.year} 年计划投资不能超过总投资`,
    en: `the plan for ${plan.year} cannot exceed the total investment`,
  });
  const levels = plan.designationLevels ?? [];
  problems.require(new Set(levels).size === levels.length, `${field}.designationLevels`, DUPLICATE_LEVEL);
}
