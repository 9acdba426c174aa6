import { COUNTY_LEADER, countRows, createProject } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const ASSIGN = `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { subject name kind isActive } }`;

describe('assigning leaders (包抓)', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
    projectId = (await createProject(server, { code: null })).id;
  });
  afterAll(() => server.close());

  it('refuses a subject that is not a Keycloak user id with BAD_USER_INPUT on input.subject, storing nothing', async () => {
    const rows = await countRows(server, 'project_assignment');
    for (const subject of ['nobody-such', '', '7d3c1a52-0b1e-4c51-9a41', '7d3c1a52-0b1e-4c51-9a41-10000000000g']) {
      const result = await server.gql(ASSIGN, { input: { projectId, subject, name: '刘洋', kind: 'LEAD_LEADER' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subject' });
    }
    expect(await countRows(server, 'project_assignment')).toBe(rows);
  });

  it('keeps the user id in lower case, as tokens carry it, and returns the display name as given', async () => {
    const result = await server.gql(ASSIGN, {
      input: {
        projectId,
        subject: ' 7D3C1A52-0B1E-4C51-9A41-1000000000AB ',
        name: '  德城区住房和城乡建设局 😀 ',
        kind: 'RESPONSIBLE_UNIT',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.assignLeader).toEqual({
      subject: '7d3c1a52-0b1e-4c51-9a41-1000000000ab',
      name: '德城区住房和城乡建设局 😀',
      kind: 'RESPONSIBLE_UNIT',
      isActive: true,
    });
  });
});
