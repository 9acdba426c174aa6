import type { ProjectCategory, ProjectStage } from '../modules/project/project.enums';
import type { DemoArrival } from './demo-funds';
import type { Investor, WorkKind } from './demo-names';
import type { Officer } from './demo-officers';
import type { DemoTenant } from './demo-places';
import type { Hundredths } from './demo-primitives';

/** One dated step of a project's stage history. */
export interface StageStep {
  stage: ProjectStage;
  on: string;
}

/** The stage on a date: the last change on or before it. */
export function stageOn(history: readonly StageStep[], date: string): ProjectStage | undefined {
  let stage: ProjectStage | undefined;
  for (const step of history) if (step.on <= date) stage = step.stage;
  return stage;
}

/** How fast a project spends against its plan: some clearly behind (red), some ahead. */
export type PaceBand = 'BEHIND' | 'ON_TRACK' | 'AHEAD';

/**
 * A generated project as the ledgers built after it (blockers, investment leads, assignments) see
 * it: what it is, where it stands, and who acts for its owner.
 */
export interface DemoProject {
  id: string;
  name: string;
  owner: DemoTenant;
  location: DemoTenant | undefined;
  kind: WorkKind;
  category: ProjectCategory;
  isEnterprise: boolean;
  ownerUnit: string;
  investor: Investor | undefined;
  stage: ProjectStage;
  history: readonly StageStep[];
  total: Hundredths;
  fundsInPlace: Hundredths;
  /** The arrivals `fundsInPlace` adds up, in date order. */
  arrivals: readonly DemoArrival[];
  band: PaceBand;
  officer: Officer;
  createdAt: Date;
  /** The demo town officer's first project: kept ordinary on purpose. */
  isFeatured: boolean;
}
