import 'reflect-metadata';
import path from 'node:path';
import { isObjectType, type GraphQLField, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { Project } from '../../src/modules/project/project.entity';
import { createSchema } from '../../src/schema';

// type-graphql's container (not exported, no published types): every resolver it calls looks its
// instance up here. Reached by its file, which the package's `exports` do not list.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IOCContainer } = require(path.join(path.dirname(require.resolve('type-graphql')), 'utils/container.js')) as {
  IOCContainer: { prototype: { getInstance(target: unknown, data: unknown): unknown } };
};

/**
 * Field resolvers that take only the parent and the context are called directly, not through
 * type-graphql's handler (src/graphql/direct-field-resolvers.ts); the others, and a parent
 * type-graphql would convert, still go through it.
 */
describe('field resolvers called directly', () => {
  let schema: GraphQLSchema;
  const lookups = jest.spyOn(IOCContainer.prototype, 'getInstance');

  beforeAll(async () => {
    schema = await createSchema();
  });
  beforeEach(() => lookups.mockClear());
  afterAll(() => lookups.mockRestore());

  const field = (type: string, name: string): GraphQLField<unknown, unknown> => {
    const found = schema.getType(type);
    if (!isObjectType(found)) throw new Error(`${type} is not an object type`);
    return found.getFields()[name]!;
  };
  /** A context whose tenant loader answers the code it is asked for. */
  const context = { loaders: { tenant: { show: (code: string) => ({ code, name: `区划 ${code}` }) } } };
  const info = {} as GraphQLResolveInfo;

  it("calls a project's owner resolver without type-graphql's handler", () => {
    const project = Object.assign(Object.create(Project.prototype) as Project, { owner: { code: '371402' } });
    expect(field('Project', 'owner').resolve!(project, {}, context, info)).toEqual({ code: '371402', name: '区划 371402' });
    expect(lookups).not.toHaveBeenCalled();
  });

  it('hands a parent that is not of the declared class to type-graphql, which converts it', () => {
    expect(field('Project', 'owner').resolve!({ owner: { code: '371402' } }, {}, context, info)).toEqual({
      code: '371402',
      name: '区划 371402',
    });
    expect(lookups).toHaveBeenCalled();
  });

  it('leaves a resolver that takes arguments to type-graphql (and to the argument checks)', async () => {
    const children = field('Tenant', 'children');
    expect(children.args.length).toBeGreaterThan(0);
    const childrenLoader = { loaders: { tenant: { children: { load: async () => [] } } } };
    await Promise.resolve(children.resolve!({ code: '371402' }, {}, childrenLoader, info)).catch(() => undefined);
    expect(lookups).toHaveBeenCalled();
  });
});
