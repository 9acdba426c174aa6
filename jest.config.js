/**
 * Every test file gets its own database cloned from a migrated template on one real PostgreSQL
 * (embedded, started once per run by tests/support/global-setup.mjs; or the server named by
 * DATABASE_URL). ts-jest transpiles each file on its own (the typecheck is `npm run typecheck`),
 * emitting the decorator metadata MikroORM and type-graphql need.
 *
 * Why not @swc/jest and jest 30: their platform-specific optional packages are missing from the
 * registry this project installs from, so their lock file never satisfies `npm ci`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }] },
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  setupFiles: ['<rootDir>/tests/support/setup-env.ts'],
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
