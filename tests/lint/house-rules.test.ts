import path from 'node:path';
import { ESLint, type Linter } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

/**
 * eslint.config.mjs is an ES module, which jest's module system cannot load; Node's own require can
 * (Node >= 20.19), so the test lints with exactly the configuration `npm run lint:code` uses.
 */
const nodeRequire = (process.getBuiltinModule('node:module') as typeof import('node:module')).createRequire(__filename);
const config = nodeRequire(path.join(ROOT, 'eslint.config.mjs')) as { default: Linter.Config[] };

const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config.default });

/** The house-rule findings for `code` as if it were the file at `place` (from the repository root). */
async function houseFindings(place: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, place) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'house/layout').map((m) => m.messageId ?? m.message);
}

/** Each house rule, with breaches it must refuse and imports it must let through: [place, code]. */
const HOUSE_RULES: { rule: string; messageId: string; refused: [string, string][]; allowed: [string, string][] }[] = [
  {
    rule: 'the kernel never imports a module',
    messageId: 'kernelImportsModule',
    refused: [
      ['src/auth/viewer-probe.ts', "import { Project } from '../modules/project/project.entity';"],
      ['src/db/sql/function-probe.ts', "import { AuditService } from '../../modules/audit/audit.service';"],
      ['src/config-probe.ts', "import type { Tenant } from './modules/tenant/tenant.entity';"],
      ['src/errors/probe.ts', "export { ProjectService } from '../modules/project/project.service';"],
      ['src/realtime/probe.ts', "export const load = () => import('../modules/live/live.types');"],
      ['src/language/probe.ts', "const registry = require('../modules/registry');"],
    ],
    allowed: [
      ['src/server.ts', "import { RESOLVERS } from './modules/registry';"],
      ['src/main.ts', "import { ENTITIES } from './modules/registry';"],
      ['src/schema.ts', "import { RESOLVERS } from './modules/registry';"],
      ['src/demo/demo-probe.ts', "import { Project } from '../modules/project/project.entity';"],
      ['src/scripts/probe.ts', "import { TenantService } from '../modules/tenant/tenant.service';"],
      ['src/exports/probe.ts', "import { RollupService } from '../modules/rollup/rollup.service';"],
      ['src/auth/probe.ts', "import { AppError } from '../errors/app-error';"],
      ['src/auth/probe.ts', "import { Router } from 'express';"],
    ],
  },
  {
    rule: "a module never imports another module's resolver",
    messageId: 'moduleImportsResolver',
    refused: [
      ['src/modules/rollup/rollup-probe.ts', "import { ProjectConnection } from '../project/project.resolver';"],
      ['src/modules/attraction/probe/deep.ts', "import { ProjectResolver } from '../../project/project.resolver';"],
      ['src/modules/blocker/probe.ts', "import { RollupBreakdownResolver } from '../rollup/rollup-breakdown.resolver';"],
    ],
    allowed: [
      ['src/modules/rollup/rollup-probe.ts', "import { RollupResolver } from './rollup.resolver';"],
      ['src/modules/attraction/probe.ts', "import { ProjectService } from '../project/project.service';"],
      ['src/modules/attraction/probe.ts', "import { Project } from '../project/project.entity';"],
      ['src/modules/registry.ts', "import { ProjectResolver } from './project/project.resolver';"],
      ['tests/modules/rollup/probe.test.ts', "import { RollupResolver } from '../../../src/modules/rollup/rollup.resolver';"],
      ['bench/probe.ts', "import { ProjectResolver } from '../src/modules/project/project.resolver';"],
    ],
  },
  {
    rule: 'the dashboard and the server share no code',
    messageId: 'dashboardCrossesServer',
    refused: [
      ['src/dashboard/probe.ts', "import { Period } from '../calendar/period';"],
      ['src/dashboard/pages/probe.ts', "import type { Project } from '../../modules/project/project.entity';"],
      ['src/transport/routes-probe.ts', "import { dashboardFiles } from '../dashboard/files';"],
    ],
    allowed: [
      ['src/dashboard/pages/probe.ts', "import { formatWan } from '../format/wan';"],
      ['src/dashboard/probe.ts', "import { createClient } from 'graphql-ws';"],
      ['tests/dashboard/probe.test.ts', "import { formatWan } from '../../src/dashboard/format/wan';"],
    ],
  },
  {
    rule: 'migrations never import src/',
    messageId: 'migrationImportsSrc',
    refused: [
      ['migrations/Migration20991231000000Probe.ts', "import { auditTriggerSql } from '../src/modules/audit/audit-trigger';"],
      ['migrations/Migration20991231000000Probe.ts', "import { ownerRole } from '../src/db/app-role';"],
      ['migrations/support/probe.ts', "import { AppError } from '../../src/errors/app-error';"],
    ],
    allowed: [
      ['migrations/Migration20991231000000Probe.ts', "import { auditTriggerSql } from './support/audit-trigger';"],
      ['migrations/Migration20991231000000Probe.ts', "import { Migration } from '@mikro-orm/migrations';"],
    ],
  },
];

describe('house rules (eslint.config.mjs, rule house/layout)', () => {
  describe.each(HOUSE_RULES)('$rule', ({ messageId, refused, allowed }) => {
    it.each(refused)('refuses %s: %s', async (place, code) => {
      expect(await houseFindings(place, code)).toEqual([messageId]);
    });

    it.each(allowed)('lets %s: %s', async (place, code) => {
      expect(await houseFindings(place, code)).toEqual([]);
    });
  });
});

/** The findings of `no-restricted-syntax` for `code` as if it were the file at `place`. */
async function restrictedSyntax(place: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, place) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('no async context in the server (eslint.config.mjs, no-restricted-syntax; src/db/async-context.ts)', () => {
  it.each([
    [
      'src/language/probe.ts',
      "import { AsyncLocalStorage } from 'node:async_hooks';\nexport const store = new AsyncLocalStorage<string>();",
    ],
    ['src/modules/project/probe.ts', 'export const both = (em: any) => em.findAndCount("Project", {});'],
    [
      'src/server-probe.ts',
      "import { RequestContext } from '@mikro-orm/core';\nexport const run = (em: any, next: () => void) => RequestContext.create(em, next);",
    ],
  ])('refuses what would run an AsyncLocalStorage in %s', async (place, code) => {
    const findings = await restrictedSyntax(place, code);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((message) => message.includes('src/db/async-context.ts'))).toBe(true);
  });

  it('lets the same through in tests and in the dashboard, which are no part of the server process', async () => {
    const code = "import { AsyncLocalStorage } from 'node:async_hooks';\nexport const store = new AsyncLocalStorage<string>();";
    expect(await restrictedSyntax('tests/unit/probe.test.ts', code)).toEqual([]);
    expect(await restrictedSyntax('src/dashboard/probe.ts', code)).toEqual([]);
  });
});
