import type { InjectionKey } from 'vue';
import type { Session } from './auth/session';
import type { EnumLabels } from './api/enum-labels';
import type { Api } from './api/graphql-client';

/** What every view reads: the signed-in leader, the API and the enums' labels (provided by App.vue). */
export interface DashboardContext {
  readonly session: Session;
  readonly api: Api;
  readonly labels: EnumLabels;
}

export const DASHBOARD: InjectionKey<DashboardContext> = Symbol('dashboard');
