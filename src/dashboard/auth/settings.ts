/** Where and as whom the dashboard signs in: the server says so at /config.json (no inline script, one build for every realm). */
export interface DashboardSettings {
  /** The realm, `<keycloak>/realms/<realm>`. */
  readonly authority: string;
  readonly clientId: string;
  /** The access token's claim that names the viewer's tenant. */
  readonly tenantClaim: string;
}

export async function loadSettings(): Promise<DashboardSettings> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`无法读取驾驶舱配置（HTTP ${response.status}）`);
  return (await response.json()) as DashboardSettings;
}
