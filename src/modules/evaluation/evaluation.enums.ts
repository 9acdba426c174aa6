import { registerEnumType } from 'type-graphql';

/** A figure a quarterly evaluation (季度评比) scores; each is a rollup figure of the child tenant. */
export enum EvaluationMeasure {
  PROGRESS_GAP = 'PROGRESS_GAP',
  COMPLETION_RATE = 'COMPLETION_RATE',
  NEW_START_RATE = 'NEW_START_RATE',
  ANNUAL_START_RATE = 'ANNUAL_START_RATE',
  ON_TIME_REPORTING = 'ON_TIME_REPORTING',
  BLOCKER_RESOLUTION = 'BLOCKER_RESOLUTION',
  ORDER_CLOSURE = 'ORDER_CLOSURE',
  ATTRACTION_FULFILMENT = 'ATTRACTION_FULFILMENT',
}

registerEnumType(EvaluationMeasure, {
  name: 'EvaluationMeasure',
  description:
    "A measure of the quarterly evaluation (考核指标), read from the child tenant's rollup for the quarter's month (by owner). " +
    'Higher is better for every one. A figure that is undefined (its denominator is zero) scores full marks where it counts a ' +
    'duty that did not arise (no report owed, no blocker raised, no order issued: nothing was left undone), and nothing where ' +
    'it counts an achievement (nothing planned, nothing signed: nothing was achieved).',
  valuesConfig: {
    PROGRESS_GAP: {
      description:
        'Completion against time progress (投资完成率与时序进度之差): `Rollup.progressGap`, percentage points. Undefined: nothing.',
    },
    COMPLETION_RATE: { description: 'Completion rate (投资完成率): `Rollup.completionRate`, percent. Undefined: nothing.' },
    NEW_START_RATE: { description: 'New-start rate (新开工项目开工率): `Rollup.newStartRate`, percent. Undefined: nothing.' },
    ANNUAL_START_RATE: { description: 'Annual start rate (年度项目开工率): `Rollup.annualStartRate`, percent. Undefined: nothing.' },
    ON_TIME_REPORTING: {
      description: 'On-time reporting (月报按时报送率): `Rollup.reporting.onTimeRate`, percent. Undefined: full marks.',
    },
    BLOCKER_RESOLUTION: {
      description: 'Blocker resolution (问题办结率): `Rollup.blockers.resolutionRate`, percent. Undefined: full marks.',
    },
    ORDER_CLOSURE: {
      description: 'Supervision order closure (督办办结率): `Rollup.supervisionOrders.closureRate`, percent. Undefined: full marks.',
    },
    ATTRACTION_FULFILMENT: {
      description:
        'Contract fulfilment of investment attraction (招商履约率): `Rollup.attraction.fulfilmentRate`, percent. Undefined: nothing.',
    },
  },
});

/** How a measure's figure becomes points: methods a supervision office uses in its 考核细则. */
export enum ScoringMethod {
  LINEAR = 'LINEAR',
  THRESHOLD = 'THRESHOLD',
  RANK = 'RANK',
}

registerEnumType(ScoringMethod, {
  name: 'ScoringMethod',
  description:
    "How a measure's figure becomes points out of its weight. Points are rounded half away from zero to hundredths per " +
    'measure; the total is their sum.',
  valuesConfig: {
    LINEAR: {
      description:
        'Linear interpolation (线性插值法): nothing at or below `floor`, full marks at or above `target`, in proportion between: ' +
        'weight × (figure − floor) / (target − floor).',
    },
    THRESHOLD: { description: 'Pass or fail (达标法): full marks when the figure reaches `target`, nothing otherwise.' },
    RANK: {
      description:
        'By place among the siblings (名次法): first place full marks, each place below it `step` points less, never below ' +
        'nothing; equal figures share a place (1, 2, 2, 4). An undefined figure takes no place and scores as the measure says.',
    },
  },
});
