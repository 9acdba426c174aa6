import { GraphQLEnumType, type GraphQLSchema } from 'graphql';
import { ENUM_LABELS } from '../../src/modules/enum-label/enum-labels';
import { createSchema } from '../../src/schema';
import { CITY_LEADER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const HAN = /\p{Script=Han}/u;

/** The enums of the API, as clients see them: every enum type of the schema but introspection's own. */
function apiEnums(schema: GraphQLSchema): GraphQLEnumType[] {
  return Object.values(schema.getTypeMap()).filter((t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'));
}

describe('enum labels', () => {
  let schema: GraphQLSchema;
  let server: TestServer;

  beforeAll(async () => {
    schema = await createSchema();
    server = await startTestServer('dezhou-tenants', CITY_LEADER);
  });

  afterAll(async () => {
    await server.close();
  });

  it('label every value of every enum of the schema, in Chinese and in English, and nothing else', () => {
    const labelled = Object.fromEntries(Object.entries(ENUM_LABELS).map(([name, labels]) => [name, Object.keys(labels).sort()]));
    const inSchema = Object.fromEntries(
      apiEnums(schema).map((type) => [
        type.name,
        type
          .getValues()
          .map((v) => v.name)
          .sort(),
      ]),
    );
    expect(labelled).toEqual(inSchema);
    for (const labels of Object.values(ENUM_LABELS)) {
      for (const label of Object.values(labels) as { zh: string; en: string }[]) {
        expect(label.zh).toMatch(HAN);
        expect(label.en).toMatch(/^[A-Z][\w -]*( \([\w ]+\))?$/);
      }
    }
  });

  it('are read from the API, an enum in the order of its values', async () => {
    const result = await server.gql('{ enumLabels(enum: "ProjectStage") { enum value label labelEn } }');
    expect(result.data?.enumLabels).toEqual([
      { enum: 'ProjectStage', value: 'PLANNED', label: '谋划储备', labelEn: 'Planned' },
      { enum: 'ProjectStage', value: 'PREPARATORY', label: '前期', labelEn: 'Preparatory' },
      { enum: 'ProjectStage', value: 'SIGNED', label: '签约', labelEn: 'Signed' },
      { enum: 'ProjectStage', value: 'STARTED', label: '开工', labelEn: 'Started' },
      { enum: 'ProjectStage', value: 'UNDER_CONSTRUCTION', label: '在建', labelEn: 'Under construction' },
      { enum: 'ProjectStage', value: 'COMPLETED', label: '竣工', labelEn: 'Completed' },
      { enum: 'ProjectStage', value: 'IN_OPERATION', label: '投产', labelEn: 'In operation' },
      { enum: 'ProjectStage', value: 'AT_DESIGN_CAPACITY', label: '达效', labelEn: 'At design capacity' },
    ]);
  });

  it('are read all at once, every value of every enum labelled in Chinese', async () => {
    const result = await server.gql<{ enumLabels: { enum: string; value: string; label: string }[] }>(
      '{ enumLabels { enum value label } }',
    );
    const all = result.data!.enumLabels;
    const values = apiEnums(schema).flatMap((type) => type.getValues().map((v) => `${type.name}.${v.name}`));
    expect(all.map((l) => `${l.enum}.${l.value}`).sort()).toEqual(values.sort());
    expect(all.filter((l) => !HAN.test(l.label))).toEqual([]);
  });

  it("answer BAD_USER_INPUT on `enum` for a name that is no enum of the API, in the reader's language", async () => {
    const zh = await server.gql('{ enumLabels(enum: "Project") { value } }');
    expect(zh.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'enum' } });
    expect(zh.errors?.[0]?.message).toBe('"Project" 不是本系统的枚举类型：请使用 schema 中的枚举名，例如 ProjectStage');
    const en = await server.gql('{ enumLabels(enum: "Project") { value } }', {}, CITY_LEADER, { 'accept-language': 'en' });
    expect(en.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'enum' } });
    expect(en.errors?.[0]?.message).toBe('"Project" is not an enum of this API: use an enum name from the schema, e.g. ProjectStage');
  });
});
