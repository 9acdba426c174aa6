/**
 * A change another client makes through the API that moves a figure on an open overview: 5,000 万元
 * of funds arriving for a city project that still has that much to come (so 到位资金 changes).
 */
type Ask = (query: string, variables?: Record<string, unknown>) => Promise<any>;

export async function recordCityFundArrival(ask: Ask, arrivedOn: string, note: string): Promise<void> {
  const { data } = await ask(
    `{ projects(filter: { tenantCode: "371400" }, first: 100, orderBy: TOTAL_INVESTMENT_DESC) {
      nodes { id totalInvestmentWan fundsInPlaceWan owner { code } } } }`,
  );
  const project = data.projects.nodes.find(
    (p: any) => p.owner.code === '371400' && Number(p.totalInvestmentWan) - Number(p.fundsInPlaceWan) > 10_000,
  );
  expect(project).toBeDefined();
  const recorded = await ask(`mutation ($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id } }`, {
    input: { projectId: project.id, amountWan: '5000', arrivedOn, note },
  });
  expect(recorded.errors).toBeUndefined();
}
