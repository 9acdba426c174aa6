import { ApiError, apiErrorOf } from '../api/graphql-client';

/**
 * The API's problems of one input by the form's field names: it names `input.completedInvestmentWan`,
 * the form's item is `completedInvestmentWan`. A problem of no known field goes under `''` (the form's
 * own message), so nothing the API says is dropped.
 */
export function fieldErrors(error: ApiError, fields: readonly string[]): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const problem of error.problems) {
    const name = problem.field.replace(/^input\./, '');
    const key = fields.includes(name) ? name : '';
    shown[key] = shown[key] ? `${shown[key]}；${problem.message}` : problem.message;
  }
  if (error.problems.length === 0) shown[''] = error.message;
  return shown;
}

/** A form's failure by its fields: the API's problems under the fields they name, a lost connection as the form's own message. */
export const formErrors = (error: unknown, fields: readonly string[]): Record<string, string> => fieldErrors(apiErrorOf(error), fields);
