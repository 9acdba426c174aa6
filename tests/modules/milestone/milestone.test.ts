import { startTestServer, type TestServer } from '../../support/test-server';
import { createProject } from '../../support/fixtures';

const ADD = `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id title dueOn doneOn isOverdue } }`;
const COMPLETE = `mutation($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { doneOn isOverdue } }`;

describe('milestones', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
    projectId = (await createProject(server, { code: null })).id;
  });
  afterAll(() => server.close());

  const add = (title: string, dueOn: string) => server.gql(ADD, { input: { projectId, title, dueOn } });

  it('counts an open milestone past its due date as overdue, and a done one as not', async () => {
    const late = await add('设备调试', '2026-05-31');
    const future = await add('投产', '2099-06-30');
    expect(late.data?.addMilestone.isOverdue).toBe(true);
    expect(future.data?.addMilestone.isOverdue).toBe(false);
    const done = await server.gql(COMPLETE, { input: { id: late.data?.addMilestone.id, doneOn: '2026-06-10' } });
    expect(done.data?.completeMilestone).toEqual({ doneOn: '2026-06-10', isOverdue: false });
  });

  it("reports the project's overdue milestones in its list and count", async () => {
    const other = (await createProject(server, { code: null })).id;
    await server.gql(ADD, { input: { projectId: other, title: '主体封顶', dueOn: '2026-01-31' } });
    await server.gql(ADD, { input: { projectId: other, title: '竣工验收', dueOn: '2099-01-31' } });
    const result = await server.gql(`{ project(id: "${other}") { overdueMilestoneCount milestones { title isOverdue } } }`);
    expect(result.data?.project).toEqual({
      overdueMilestoneCount: 1,
      milestones: [
        { title: '主体封顶', isOverdue: true },
        { title: '竣工验收', isOverdue: false },
      ],
    });
  });

  it('answers CONFLICT when a done milestone is completed again, and reopens it', async () => {
    const milestone = await add('环评批复', '2026-03-31');
    const id = milestone.data?.addMilestone.id;
    await server.gql(COMPLETE, { input: { id, doneOn: '2026-03-20' } });
    const again = await server.gql(COMPLETE, { input: { id } });
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const reopened = await server.gql(`mutation { reopenMilestone(id: "${id}") { doneOn isOverdue } }`);
    expect(reopened.data?.reopenMilestone).toEqual({ doneOn: null, isOverdue: true });
  });

  it('rejects a completion date in the future and an empty title with BAD_USER_INPUT', async () => {
    const milestone = await add('规划许可', '2026-03-31');
    const future = await server.gql(COMPLETE, { input: { id: milestone.data?.addMilestone.id, doneOn: '2099-01-01' } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.doneOn' });
    const empty = await add(' ', '2026-03-31');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
  });

  it('rejects an impossible due date with BAD_USER_INPUT naming the field', async () => {
    const result = await add('节点', '2026-02-30');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueOn' });
  });

  it('deletes a milestone and answers NOT_FOUND for it afterwards', async () => {
    const milestone = await add('临时节点', '2026-08-31');
    const id = milestone.data?.addMilestone.id;
    expect((await server.gql(`mutation { deleteMilestone(id: "${id}") }`)).data?.deleteMilestone).toBe(id);
    const again = await server.gql(`mutation { deleteMilestone(id: "${id}") }`);
    expect(again.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
