import Module from 'node:module';
import path from 'node:path';

/**
 * PostGraphile 4 needs graphql 15; our server's graphql 16 sits at the root of node_modules, so npm
 * nests graphql 15 twice (under postgraphile and under graphile-build-pg), with a graphile-build
 * each. Two copies of graphql in one schema fail its instanceof checks ("Unexpected input type").
 * In the peer's process only (nothing else of ours loads graphql there), every package resolves
 * graphql and graphile-build to postgraphile's own copies, as one flat install would.
 */
const postgraphileDir = path.dirname(require.resolve('postgraphile/package.json'));
const single = new Map(
  ['graphql', 'graphile-build'].map((name) => [name, path.dirname(require.resolve(`${name}/package.json`, { paths: [postgraphileDir] }))]),
);

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
  const [name, ...subpath] = request.split('/');
  const dir = single.get(name!);
  return resolve.call(this, dir ? [dir, ...subpath].join('/') : request, ...rest);
};
