import { shallowRef, type ShallowRef } from 'vue';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { DashboardSettings } from './settings';

/**
 * The signed-in leader: OpenID Connect authorization code with PKCE (S256) at the realm, the
 * `key-projects-dashboard` public client, as docker/keycloak/realm.json declares it. The tokens stay
 * in this tab's sessionStorage; the access token is renewed with the refresh token before it
 * expires (no iframe: the page allows no frame), and logout ends the realm's session too.
 */
export interface Session {
  readonly user: ShallowRef<User>;
  /** The current access token (renewed in the background). */
  accessToken(): string;
  /** Renews the access token now (the live connection closed 4403: the server found it expired). */
  renew(): Promise<void>;
  /** The viewer's own tenant, from the token's tenant claim. */
  readonly tenantCode: string;
  readonly name: string;
  logout(): Promise<void>;
}

const CALLBACK_PATH = '/callback';

export async function startSession(settings: DashboardSettings): Promise<Session | undefined> {
  const manager = new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    automaticSilentRenew: true,
    // Keycloak's check-session iframe needs a frame; the refresh token tells the same (a dead session refuses it).
    monitorSession: false,
    loadUserInfo: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });

  if (location.pathname === CALLBACK_PATH) {
    const signedIn = await manager.signinRedirectCallback();
    const back = typeof signedIn.state === 'string' && signedIn.state.startsWith('/') ? signedIn.state : '/';
    history.replaceState(null, '', back);
  }

  let user = await manager.getUser();
  if (user?.expired && user.refresh_token) user = await manager.signinSilent().catch(() => null);
  if (!user || user.expired) {
    await manager.signinRedirect({ state: `${location.pathname}${location.search}` });
    return undefined;
  }

  const current = shallowRef<User>(user);
  manager.events.addUserLoaded((renewed) => {
    current.value = renewed;
  });
  // A refresh the realm refuses (session ended elsewhere): sign in again rather than show stale figures.
  manager.events.addSilentRenewError(() => void manager.signinRedirect({ state: `${location.pathname}${location.search}` }));

  const claim = user.profile[settings.tenantClaim];
  return {
    user: current,
    accessToken: () => current.value.access_token,
    renew: async () => {
      const renewed = await manager.signinSilent();
      if (renewed) current.value = renewed;
    },
    tenantCode: typeof claim === 'string' ? claim : '',
    name: user.profile.name ?? user.profile.preferred_username ?? '',
    logout: () => manager.signoutRedirect(),
  };
}
