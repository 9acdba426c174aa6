import { AppError } from './app-error';

/**
 * Runs another module's rule on behalf of a caller whose client sent a different input: the rule's
 * errors name its own command's fields (`input.stageSince`), the client knows only its own
 * (`input.on`). `fields` maps the one to the other; `'*'` names the caller's field for every error.
 * The messages stay as written, in both languages.
 */
export async function withCallerFields<T>(fields: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw renamedFields(error, fields);
  }
}

function renamedFields(error: unknown, fields: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof AppError)) return error;
  // `problems` as shown is rebuilt by AppError from the renamed problems.
  const { code: _code, problems: _shown, ...extensions } = error.extensions;
  const rename = (field: unknown): string | undefined =>
    typeof field === 'string' ? (fields[field] ?? fields['*'] ?? field) : fields['*'];
  const problems = error.problems.map((p) => ({ ...p, field: rename(p.field) ?? p.field }));
  return new AppError(
    error.code,
    error.text,
    { ...extensions, ...(extensions['field'] !== undefined || fields['*'] ? { field: rename(extensions['field']) } : {}) },
    problems,
  );
}
