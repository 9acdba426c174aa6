import { chinaDate } from '../../../src/calendar/period';
import type { Caller, TestServer } from '../../support/test-server';

/** Today, China time, as the approvals' dates and lights read it. */
export const today = chinaDate();

/** The day `n` days from today (negative: before). */
export const day = (n: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Calls that must succeed (the first field of `data`) or fail (the first error, nothing changed: no data). */
export function approvalClient(server: () => TestServer) {
  return {
    async ok<T = any>(query: string, variables: Record<string, unknown>, as: Caller): Promise<T> {
      const result = await server().gql(query, variables, as);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return Object.values(result.data!)[0] as T;
    },
    async failure(query: string, variables: Record<string, unknown>, as: Caller) {
      const result = await server().gql(query, variables, as);
      expect(result.data).toBeNull();
      return result.errors![0]!;
    },
  };
}
