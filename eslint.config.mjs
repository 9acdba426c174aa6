// @ts-check
/**
 * Lint: typescript-eslint's recommended rules plus the house rules of the layout (README "Layout").
 * Formatting is Prettier's job (.prettierrc.json), so no rule here is about spacing or quotes.
 *
 * The house rules are one small local rule, `house/layout`, rather than `no-restricted-imports`
 * patterns or dependency-cruiser: it resolves each relative import against the importing file, so a
 * rule means the same at any folder depth (`./modules/x` from src/, `../../modules/x` from
 * src/db/sql/), and it sees every way to import (import, export ... from, import(), require). It
 * runs in the same pass as the other rules, with no second tool and no second parse of the tree.
 */
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** A file's place in the house: its path from the repository root, with forward slashes. */
const placeOf = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/**
 * Only these parts of src/ may know the modules: the modules themselves, the demo data, the
 * commands, the exports (they read through the modules' services) and the composition root.
 */
const KNOWS_THE_MODULES = [
  /^src\/modules\//,
  /^src\/demo\//,
  /^src\/scripts\//,
  /^src\/exports\//,
  /^src\/(main|server|schema|mikro-orm\.config)\.ts$/,
];

/** Whether a place is a folder or anything inside it. */
const inside = (place, folder) => place === folder || place.startsWith(`${folder}/`);

/** The dashboard: a browser app with its own build (src/dashboard/README.md); it speaks to the server only over GraphQL. */
const isDashboard = (place) => inside(place, 'src/dashboard');

/** The kernel: src/ less the parts that may know the modules (and less the dashboard, which is no part of the server). */
const isKernel = (place) => inside(place, 'src') && !isDashboard(place) && !KNOWS_THE_MODULES.some((re) => re.test(place));

/** The module a file belongs to: `src/modules/<module>/...`. */
const moduleOf = (place) => /^src\/modules\/([^/]+)\//.exec(place)?.[1];

/** The module whose resolver a file is, if it is one. */
const resolverModuleOf = (place) => /^src\/modules\/([^/]+)\/(?:.+\/)?[^/]+\.resolver(?:\.[cm]?[jt]s)?$/.exec(place)?.[1];

/** Which house rule an import by `from` of `to` (both places) breaks, if any. */
function brokenHouseRule(from, to) {
  if (inside(from, 'migrations') && inside(to, 'src')) return 'migrationImportsSrc';
  if (isDashboard(from) !== isDashboard(to) && inside(from, 'src') && inside(to, 'src')) return 'dashboardCrossesServer';
  if (isKernel(from) && inside(to, 'src/modules')) return 'kernelImportsModule';
  const importer = moduleOf(from);
  const resolverOwner = resolverModuleOf(to);
  if (importer !== undefined && resolverOwner !== undefined && importer !== resolverOwner) return 'moduleImportsResolver';
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const layoutRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Data flows downhill: the kernel, the modules and the migrations import only what they may.' },
    schema: [],
    messages: {
      kernelImportsModule:
        'The kernel never imports a module: {{from}} imports {{to}}. Move what both need into the kernel, or let the module hand it over through the composition root (src/main.ts, src/server.ts, src/schema.ts).',
      moduleImportsResolver:
        "A module never imports another module's resolver: {{to}} is the resolver of module '{{owner}}'. Use that module's service, entity or types instead.",
      dashboardCrossesServer:
        'The dashboard and the server share no code: {{from}} imports {{to}}. The dashboard runs in the browser and speaks to the server over GraphQL only (its types come from schema/schema.graphql).',
      migrationImportsSrc:
        'A migration never imports src/: {{to}} can change after the migration has landed, and the migration with it. Copy what it needs into migrations/support/, frozen.',
    },
  },
  create(context) {
    if (!path.isAbsolute(context.filename)) return {};
    const from = placeOf(context.filename);
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(context.filename), source.value));
      const messageId = brokenHouseRule(from, to);
      if (messageId) context.report({ node: source, messageId, data: { from, to, owner: resolverModuleOf(to) ?? '' } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      'CallExpression[callee.name="require"]': (node) => check(node.arguments[0]),
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', '.data/', 'node_modules/', 'helm/', 'docker/', 'schema/', 'src/dashboard/gql/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { house: { rules: { layout: layoutRule } } },
    rules: {
      'house/layout': 'error',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The official division lists are JSON read on demand; every other import is an import.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['\\.json$'] }],
      // Not enabled, on purpose:
      // - consistent-type-imports: with emitDecoratorMetadata, a class imported as a type leaves
      //   MikroORM and type-graphql an `Object` in the decorator metadata; without type information
      //   the rule cannot tell which imports a decorator needs.
      // - type-aware rules (no-floating-promises, no-misused-promises): measured here, they take
      //   lint from 4 s to 17 s and found nothing; `tsc` already runs in `npm test`.
    },
  },
  {
    // Node 20 runs promise hooks on every promise of the process, for good, once any
    // AsyncLocalStorage has run: a fifth of a small read's CPU (src/db/async-context.ts). The server
    // runs none, and these are the ways in: a storage of its own, and MikroORM's calls that run one.
    files: ['src/**/*.ts'],
    ignores: ['src/dashboard/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='AsyncLocalStorage']",
          message:
            'No AsyncLocalStorage in the server: it turns on promise hooks for every promise (src/db/async-context.ts). Pass the value along.',
        },
        {
          selector: "MemberExpression[property.name='findAndCount']",
          message: "em.findAndCount runs MikroORM's AsyncLocalStorage (src/db/async-context.ts): call find and count.",
        },
        {
          selector: 'Identifier[name=/^(RequestContext|CreateRequestContext|EnsureRequestContext)$/]',
          message: "MikroORM's request context is an AsyncLocalStorage (src/db/async-context.ts): fork the EntityManager and pass it.",
        },
      ],
    },
  },
  {
    // Tests and benchmarks read loosely typed GraphQL answers and JSON; `any` there is the honest type.
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript here is configuration and jest's global setup, run by Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
);
