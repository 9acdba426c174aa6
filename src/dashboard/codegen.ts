import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the API's published schema (schema/schema.graphql): the build and the
 * typecheck run this first, so a schema change that breaks a query of the dashboard breaks both.
 * The output (gql/) is generated, never edited nor committed.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['src/dashboard/**/*.ts', 'src/dashboard/**/*.vue', '!src/dashboard/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/dashboard/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // The query text as a string: no graphql-js in the browser bundle.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Wan: 'string', Period: 'string', Quarter: 'string', LocalDate: 'string', DateTimeISO: 'string' },
      },
    },
  },
  silent: true,
};

export default config;
