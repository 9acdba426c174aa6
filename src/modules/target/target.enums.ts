import { registerEnumType } from 'type-graphql';

/**
 * What a 目标责任书 binds a tenant to for a year, as the seeds' target letters list it: investment
 * to complete, new projects to start, investment leads to sign, funds to bring in. Money measures
 * are given in 万元, counting measures as whole numbers.
 */
export enum TargetMeasure {
  INVESTMENT_COMPLETED = 'INVESTMENT_COMPLETED',
  NEW_PROJECTS_STARTED = 'NEW_PROJECTS_STARTED',
  LEADS_SIGNED = 'LEADS_SIGNED',
  FUNDS_ARRIVED = 'FUNDS_ARRIVED',
}

/** Whether a measure counts money (万元) rather than projects. */
export const isMoneyMeasure = (measure: TargetMeasure): boolean =>
  measure === TargetMeasure.INVESTMENT_COMPLETED || measure === TargetMeasure.FUNDS_ARRIVED;

registerEnumType(TargetMeasure, {
  name: 'TargetMeasure',
  description: 'A measure of the yearly target-responsibility letter (目标责任书).',
  valuesConfig: {
    INVESTMENT_COMPLETED: { description: 'Investment completed in the year (完成投资), 万元: the rollup’s completedThisYearWan.' },
    NEW_PROJECTS_STARTED: { description: 'New projects of the year’s list started (新开工项目), a count: the rollup’s startedCount.' },
    LEADS_SIGNED: { description: 'Investment leads signed in the year (招商签约项目), a count: attraction.signedCount.' },
    FUNDS_ARRIVED: { description: 'Funds that arrived in the year (到位资金), 万元: the rollup’s fundsArrivedThisYearWan.' },
  },
});
