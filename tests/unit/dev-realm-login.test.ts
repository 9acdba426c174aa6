import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DevRealm } from '../../src/auth/dev-realm';
import { ACCESS_TOKEN_SECONDS } from '../../src/auth/dev-realm-login';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/token-verifier';
import { TEST_KEYCLOAK } from '../support/keycloak-config';

/**
 * The development realm's browser sign-in over loopback HTTP, as the dashboard (oidc-client-ts)
 * and a real Keycloak speak it: the form, the code with PKCE, refresh, logout; the access tokens
 * it gives verified by keycloak-connect as the API verifies them. No database.
 */
const KEYCLOAK = TEST_KEYCLOAK;
const CLIENT = 'key-projects-dashboard';
const REDIRECT = 'http://127.0.0.1:4000/callback';

let keyDir: string;
let realm: DevRealm;
let verifier: TokenVerifier;
let oidc: string;

beforeAll(async () => {
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'kp-realm-login-'));
  realm = new DevRealm({ keyDir, realm: KEYCLOAK.realm, apiClientId: KEYCLOAK.clientId, tenantClaim: KEYCLOAK.tenantClaim });
  const url = await realm.listen(0);
  verifier = createTokenVerifier(KEYCLOAK, url);
  oidc = `${realm.issuer}/protocol/openid-connect`;
});

afterAll(async () => {
  await realm.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** The browser's way to a code: the authorization request, then the form posted with a user's password. */
async function signIn(username: string, password: string, challenge: string): Promise<Response> {
  const query = new URLSearchParams({
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile',
    state: 'st-1',
    nonce: 'n-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const form = await fetch(`${oidc}/auth?${query}`);
  expect(form.status).toBe(200);
  const action = /action="([^"]+)"/.exec(await form.text())![1]!.replaceAll('&amp;', '&');
  return fetch(new URL(action, realm.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  });
}

async function codeFor(challenge: string): Promise<string> {
  const answer = await signIn('city-leader', 'demo', challenge);
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('st-1');
  expect(back.searchParams.get('iss')).toBe(realm.issuer);
  return back.searchParams.get('code')!;
}

const token = (fields: Record<string, string>) =>
  fetch(`${oidc}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:4000' },
    body: new URLSearchParams({ client_id: CLIENT, ...fields }),
  });

describe('the development realm’s browser sign-in', () => {
  it('names its endpoints at Keycloak’s paths in the discovery document', async () => {
    const discovery: any = await (await fetch(`${realm.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: realm.issuer,
      authorization_endpoint: `${oidc}/auth`,
      token_endpoint: `${oidc}/token`,
      end_session_endpoint: `${oidc}/logout`,
      jwks_uri: `${oidc}/certs`,
    });
    expect(discovery.code_challenge_methods_supported).toContain('S256');
  });

  it('shows the form again with a Chinese error for a wrong password, and gives no code', async () => {
    const answer = await signIn('city-leader', 'wrong', pkce().challenge);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('用户名或密码无效');
  });

  it('exchanges a code with the right verifier for tokens keycloak-connect accepts, once only', async () => {
    const { verifier: codeVerifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const answer = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: codeVerifier });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4000');
    const tokens: any = await answer.json();
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS });
    const viewer = await verifier.verify(tokens.access_token);
    expect(viewer.tenantCode).toBe('371400');
    const idClaims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString());
    expect(idClaims).toMatchObject({ typ: 'ID', aud: CLIENT, nonce: 'n-1', tenant_code: '371400', name: '张伟' });

    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: codeVerifier });
    expect(again.status).toBe(400);
    expect(((await again.json()) as any).error).toBe('invalid_grant');
  });

  it('refuses a code with another verifier or none (PKCE), with invalid_grant', async () => {
    const { challenge } = pkce();
    const wrong = await token({
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed: Code mismatch' });
    const none = await token({ grant_type: 'authorization_code', code: await codeFor(challenge), redirect_uri: REDIRECT });
    expect(await none.json()).toEqual({ error: 'invalid_grant', error_description: 'PKCE code verifier not specified' });
  });

  it('refuses an authorization request without S256, back at the client with invalid_request', async () => {
    const query = new URLSearchParams({
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 's',
      code_challenge: pkce().challenge,
    });
    const answer = await fetch(`${oidc}/auth?${query}`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const elsewhere = await fetch(
      `${oidc}/auth?${new URLSearchParams({ ...Object.fromEntries(query), redirect_uri: 'https://evil.example/cb' })}`,
      {
        redirect: 'manual',
      },
    );
    expect(elsewhere.status).toBe(400);
  });

  it('refreshes while the session lives and refuses the refresh token after logout', async () => {
    const { verifier: codeVerifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const first: any = await (
      await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: codeVerifier })
    ).json();
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    const renewed: any = await refreshed.json();
    expect(renewed.access_token).not.toBe(first.access_token);
    expect((await verifier.verify(renewed.access_token)).tenantCode).toBe('371400');

    const logout = await fetch(
      `${oidc}/logout?${new URLSearchParams({ id_token_hint: renewed.id_token, post_logout_redirect_uri: 'http://127.0.0.1:4000/', client_id: CLIENT })}`,
      { redirect: 'manual' },
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://127.0.0.1:4000/');
    const after = await token({ grant_type: 'refresh_token', refresh_token: renewed.refresh_token });
    expect(after.status).toBe(400);
    expect(await after.json()).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });
});
