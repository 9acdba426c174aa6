import type { InjectionKey } from 'vue';
import type { Session } from './auth/session';
import type { EnumChoices, EnumLabels } from './api/enum-labels';
import type { Api } from './api/graphql-client';

/** What every view reads: the signed-in leader, the API, the enums' labels and choices (provided by App.vue). */
export interface DashboardContext {
  readonly session: Session;
  readonly api: Api;
  readonly labels: EnumLabels;
  readonly choices: EnumChoices;
}

export const DASHBOARD: InjectionKey<DashboardContext> = Symbol('dashboard');
