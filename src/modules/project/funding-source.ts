import { registerEnumType } from 'type-graphql';

/**
 * Where a year's plan and the funds that arrive come from (资金来源), as a county's 发改 office
 * breaks them down in its 调度表: the channels the seeds tell officials to pursue (中央预算内投资,
 * 专项债券, 银行融资 …, seed 001) and the project's own money.
 */
export enum FundingSource {
  CENTRAL_BUDGET = 'CENTRAL_BUDGET',
  ULTRA_LONG_TREASURY_BONDS = 'ULTRA_LONG_TREASURY_BONDS',
  LOCAL_SPECIAL_BONDS = 'LOCAL_SPECIAL_BONDS',
  LOCAL_FISCAL = 'LOCAL_FISCAL',
  BANK_LOANS = 'BANK_LOANS',
  ENTERPRISE_OWN = 'ENTERPRISE_OWN',
  FOREIGN_INVESTMENT = 'FOREIGN_INVESTMENT',
  OTHER = 'OTHER',
}

/** The order every list of sources is given in (the 调度表's columns). */
export const FUNDING_SOURCE_ORDER: readonly FundingSource[] = Object.values(FundingSource);

registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: 'Where investment funds come from (资金来源).',
  valuesConfig: {
    CENTRAL_BUDGET: { description: 'Central government budget investment (中央预算内投资).' },
    ULTRA_LONG_TREASURY_BONDS: { description: 'Ultra-long-term special treasury bonds (超长期特别国债).' },
    LOCAL_SPECIAL_BONDS: { description: 'Local government special-purpose bonds (地方政府专项债券).' },
    LOCAL_FISCAL: { description: 'Provincial, city and county budget funds (省市县财政资金).' },
    BANK_LOANS: { description: 'Bank loans and other financing (银行贷款).' },
    ENTERPRISE_OWN: { description: "The project unit's own funds (企业自筹)." },
    FOREIGN_INVESTMENT: { description: 'Foreign capital (利用外资).' },
    OTHER: { description: 'Any other source (其他).' },
  },
});
