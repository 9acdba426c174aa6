import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_ROLES } from '../../src/auth/roles';
import { rateLimitVariableOf } from '../../src/config';

/**
 * Names of the environment variables src/config.ts reads: every read goes through its EnvReader
 * (`read.string('NAME', ...)`, `read.integer(...)`, ...). Deployment files (compose, the Helm chart)
 * may set only these: a misspelt variable would be silently ignored.
 */
export function configVariables(): Set<string> {
  const source = readFileSync(path.resolve(__dirname, '../../src/config.ts'), 'utf8');
  const named = [...source.matchAll(/read\.\w+(?:<[^>]*>)?\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]!);
  // One rate-limit variable per role, named from the role.
  return new Set([...named, ...ALL_ROLES.map(rateLimitVariableOf)]);
}
