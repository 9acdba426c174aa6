import { registerEnumType } from 'type-graphql';

/** Category (项目类别). */
export enum ProjectCategory {
  KEY_PROVINCIAL_CITY = 'KEY_PROVINCIAL_CITY',
  INDUSTRIAL_UPGRADE = 'INDUSTRIAL_UPGRADE',
  TRANSPORT_INFRASTRUCTURE = 'TRANSPORT_INFRASTRUCTURE',
  INVESTMENT_ATTRACTION = 'INVESTMENT_ATTRACTION',
  URBAN_CONSTRUCTION = 'URBAN_CONSTRUCTION',
  SOCIAL_UNDERTAKING = 'SOCIAL_UNDERTAKING',
  OTHER = 'OTHER',
}

/** Nature (建设性质) within the year's list. */
export enum ProjectNature {
  NEW = 'NEW',
  CONTINUING = 'CONTINUING',
  PREPARATORY = 'PREPARATORY',
}

/**
 * Lifecycle stage (梯次推进), in order. The order matters: "started" in the start rate means any
 * stage from STARTED on.
 */
export enum ProjectStage {
  PLANNED = 'PLANNED',
  PREPARATORY = 'PREPARATORY',
  SIGNED = 'SIGNED',
  STARTED = 'STARTED',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  COMPLETED = 'COMPLETED',
  IN_OPERATION = 'IN_OPERATION',
  AT_DESIGN_CAPACITY = 'AT_DESIGN_CAPACITY',
}

export const STAGE_ORDER: readonly ProjectStage[] = Object.values(ProjectStage);

export function stageRank(stage: ProjectStage): number {
  return STAGE_ORDER.indexOf(stage);
}

/** True from STARTED on: the numerator of the start rate (开工率). */
export function isStarted(stage: ProjectStage): boolean {
  return stageRank(stage) >= stageRank(ProjectStage.STARTED);
}

/** Government level that put the project on its key-project list (重点项目层级). */
export enum DesignationLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

registerEnumType(ProjectCategory, {
  name: 'ProjectCategory',
  description: 'Project category (项目类别).',
  valuesConfig: {
    KEY_PROVINCIAL_CITY: { description: 'Provincial or city key project (省市重点项目).' },
    INDUSTRIAL_UPGRADE: { description: 'Industrial technical upgrade (工业技改项目).' },
    TRANSPORT_INFRASTRUCTURE: { description: 'Major transport infrastructure (重大交通基础设施).' },
    INVESTMENT_ATTRACTION: { description: 'Investment-attraction project (招商引资项目).' },
    URBAN_CONSTRUCTION: { description: 'Urban construction (城建项目).' },
    SOCIAL_UNDERTAKING: { description: 'Social undertaking: schools, hospitals and the like (社会事业项目).' },
    OTHER: { description: 'Other (其他).' },
  },
});

registerEnumType(ProjectNature, {
  name: 'ProjectNature',
  description: 'Nature of the project in the year (建设性质).',
  valuesConfig: {
    NEW: { description: 'New start this year (新开工).' },
    CONTINUING: { description: 'Continuing from earlier years (续建).' },
    PREPARATORY: { description: 'Preparatory or reserve (前期 / 储备).' },
  },
});

registerEnumType(ProjectStage, {
  name: 'ProjectStage',
  description: 'Lifecycle stage (项目阶段, 梯次推进), listed in order.',
  valuesConfig: {
    PLANNED: { description: 'Planned / reserve (谋划 / 储备).' },
    PREPARATORY: { description: 'Preparatory work: approvals, land, design (前期).' },
    SIGNED: { description: 'Contract signed (签约).' },
    STARTED: { description: 'Construction started (开工).' },
    UNDER_CONSTRUCTION: { description: 'Under construction (在建).' },
    COMPLETED: { description: 'Construction completed (竣工).' },
    IN_OPERATION: { description: 'In operation / production (投产).' },
    AT_DESIGN_CAPACITY: { description: 'Reaching the designed effect (达效).' },
  },
});

registerEnumType(DesignationLevel, {
  name: 'DesignationLevel',
  description: 'Level whose key-project list includes the project (重点项目层级); a project may be on several.',
  valuesConfig: {
    NATIONAL: { description: 'National major project (国家重大项目).' },
    PROVINCIAL: { description: 'Provincial key project (省重点项目).' },
    CITY: { description: 'City key project (市重点项目).' },
    COUNTY: { description: 'County key project (县重点项目).' },
  },
});
