import { buildSchema, graphql, type GraphQLError } from 'graphql';
import { variableProblem } from '../../src/errors/variable-problem';

/** A small schema in this API's manner: each input field's description gives its Chinese term in parentheses. */
const schema = buildSchema(`
  type Query { plan(input: PlanInput!, year: Int): Int }
  input PlanInput {
    """Monthly targets (月度目标), 万元, twelve of them."""
    targetsWan: [Int!]!
    """Where the money comes from (资金来源; e.g. 专项债)."""
    source: Source
    """A note (e.g. 专项债), without a term of its own."""
    note: String
    """The plan's owner (计划单位)."""
    owner: OwnerInput
  }
  input OwnerInput {
    """Division code (区划代码)."""
    code: String!
  }
  enum Source { BUDGET BOND }
`);

async function problemOf(variables: Record<string, unknown>) {
  const result = await graphql({
    schema,
    source: 'query($input: PlanInput!, $year: Int) { plan(input: $input, year: $year) }',
    variableValues: variables,
  });
  return variableProblem(schema, result.errors![0] as GraphQLError, undefined);
}

describe('variableProblem', () => {
  it.each([
    ['a list item', { input: { targetsWan: [1, 2, 'x'] } }, 'input.targetsWan.2', '月度目标第 3 项 须为整数，实际为 "x"'],
    [
      'an enum value, named by the term before the semicolon',
      { input: { targetsWan: [], source: 'GIFT' } },
      'input.source',
      '资金来源 没有 "GIFT" 这一选项',
    ],
    ['a field whose parenthesis is no term of its own', { input: { targetsWan: [], note: 5 } }, 'input.note', 'note 须为文字，实际为 5'],
    ['a missing field of a nested input', { input: { targetsWan: [], owner: {} } }, 'input.owner.code', '区划代码 为必填项，不能省略'],
    ['a nested input sent as text', { input: { targetsWan: [], owner: 'x' } }, 'input.owner', '计划单位 须为一组字段（对象），实际为 "x"'],
  ])('names %s by its Chinese term, with its dotted path', async (_case, variables, field, zh) => {
    await expect(problemOf(variables)).resolves.toEqual({ field, zh });
  });

  it('leaves the message of a bare variable to the generic translation, naming the variable as the field', async () => {
    await expect(problemOf({ input: { targetsWan: [] }, year: 'x' })).resolves.toEqual({ field: 'year', zh: undefined });
  });

  it('answers undefined for an error that is no variable coercion', () => {
    expect(variableProblem(schema, { message: 'Cannot query field "x" on type "Query".' } as GraphQLError, undefined)).toBeUndefined();
  });
});
