import type { Dashboard } from './harness';

/**
 * The API's message for an input field, as it answers the same mistake, with the code checked: what
 * a form must show under that field.
 */
export async function apiProblem(
  dash: Dashboard,
  user: string,
  query: string,
  input: Record<string, unknown>,
  field: string,
): Promise<string> {
  const { errors } = await dash.api(user, query, { input });
  expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
  const problems: { field: string; message: string }[] = errors[0].extensions.problems ?? [
    { field: errors[0].extensions.field, message: errors[0].message },
  ];
  const problem = problems.find((p) => p.field === field);
  expect(problem).toBeDefined();
  return problem!.message;
}
