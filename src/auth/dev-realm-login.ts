import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { DASHBOARD_CLIENT, DEV_USERS, type DevUser } from './dev-users';

/**
 * The browser sign-in of the development realm, in Keycloak's shapes and at Keycloak's paths, so
 * the dashboard runs unchanged against a real Keycloak: authorization code with PKCE (S256, as
 * docker/keycloak/realm.json requires of `key-projects-dashboard`), a login form for the demo
 * users, code exchange and refresh at the token endpoint, logout. Development only, like the realm.
 */

/** Every demo user's password, as in docker/keycloak/realm.json. */
export const DEMO_PASSWORD = 'demo';

/** Keycloak's defaults in realm.json: access tokens live 15 minutes, an idle session 30. */
export const ACCESS_TOKEN_SECONDS = 900;
export const SESSION_IDLE_SECONDS = 1800;
/** An authorization code is good for one exchange within a minute (Keycloak's default). */
const CODE_SECONDS = 60;
/** A login form abandoned for this long starts over. */
const LOGIN_SECONDS = 1800;
const MAX_BODY_BYTES = 16 * 1024;
/** Bounds on what a busy browser or a script can make the realm remember. */
const MAX_PENDING = 10_000;

export interface TokenSigner {
  /** `<url>/realms/<realm>`, known once the realm listens. */
  issuer(): string;
  /** An access token for `user`, Keycloak's format, in session `sid`. */
  accessToken(user: DevUser, sid: string, expiresIn: number): string;
  /** A signed JWT with these claims (ID and refresh tokens). */
  sign(claims: Record<string, unknown>): string;
  /** The claims of a JWT this realm signed, or undefined (bad signature or shape). */
  verify(token: string): Record<string, unknown> | undefined;
}

interface Authorization {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly nonce: string | undefined;
  readonly challenge: string;
  readonly scope: string;
  readonly until: number;
}

interface IssuedCode extends Authorization {
  readonly user: DevUser;
  readonly sid: string;
}

interface Session {
  readonly user: DevUser;
  readonly startedAt: number;
  lastSeen: number;
}

/** The browser clients' redirects: loopback only (the server and its tests), any port, as a development realm may. */
export function isAllowedRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && !url.hash
    );
  } catch {
    return false;
  }
}

const now = () => Math.floor(Date.now() / 1000);
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export class DevRealmLogin {
  private readonly logins = new Map<string, Authorization>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly realm: string,
    private readonly signer: TokenSigner,
  ) {}

  private get prefix(): string {
    return `/realms/${this.realm}`;
  }

  /** The discovery document's entries for what this flow serves. */
  discovery(): Record<string, unknown> {
    const oidc = `${this.signer.issuer()}/protocol/openid-connect`;
    return {
      authorization_endpoint: `${oidc}/auth`,
      end_session_endpoint: `${oidc}/logout`,
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['plain', 'S256'],
      subject_types_supported: ['public', 'pairwise'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
      claims_parameter_supported: true,
      request_parameter_supported: true,
    };
  }

  /** Answers the request when it is one of this flow's; false leaves it to the realm. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://realm');
    const oidc = `${this.prefix}/protocol/openid-connect`;
    const route = `${req.method} ${url.pathname}`;
    if (route === `GET ${oidc}/auth`) this.authorize(url.searchParams, res);
    else if (route === `POST ${this.prefix}/login-actions/authenticate`) void this.authenticate(req, url.searchParams, res);
    else if (route === `POST ${oidc}/token`) void this.token(req, res);
    else if (route === `OPTIONS ${oidc}/token`) this.preflight(req, res);
    else if (route === `GET ${oidc}/logout`) this.logout(url.searchParams, res);
    else return false;
    return true;
  }

  /** Step 1: the client sends the browser here; the realm checks the client and shows the login form. */
  private authorize(query: URLSearchParams, res: http.ServerResponse): void {
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    // Keycloak shows an error page (never redirects) for an unknown client or a redirect it does not allow.
    if (clientId !== DASHBOARD_CLIENT) return this.page(res, 400, '登录出错', '<p>客户端无效（client_id）。</p>');
    if (!isAllowedRedirect(redirectUri)) return this.page(res, 400, '登录出错', '<p>重定向地址无效（redirect_uri）。</p>');
    const back = (error: string, description: string) =>
      this.redirect(res, redirectUri, { error, error_description: description, state: query.get('state') });
    if (query.get('response_type') !== 'code')
      return back('unsupported_response_type', 'Client is not allowed to initiate browser login with given response_type.');
    const challenge = query.get('code_challenge');
    if (query.get('code_challenge_method') !== 'S256') return back('invalid_request', 'Missing parameter: code_challenge_method');
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return back('invalid_request', 'Invalid parameter: code_challenge');
    this.forget();
    if (this.logins.size >= MAX_PENDING) return this.page(res, 503, '登录繁忙', '<p>登录请求过多，请稍后重试。</p>');
    const tabId = randomBytes(16).toString('base64url');
    this.logins.set(tabId, {
      clientId,
      redirectUri,
      state: query.get('state') ?? undefined,
      nonce: query.get('nonce') ?? undefined,
      challenge,
      scope: query.get('scope') ?? 'openid',
      until: now() + LOGIN_SECONDS,
    });
    this.loginForm(res, 200, tabId, '', '');
  }

  /** Step 2: the form posts the user's name and password; on success the browser goes back with a code. */
  private async authenticate(req: http.IncomingMessage, query: URLSearchParams, res: http.ServerResponse): Promise<void> {
    const tabId = query.get('tab_id') ?? '';
    const login = this.logins.get(tabId);
    const form = await readForm(req);
    if (!login || login.until < now()) return this.page(res, 400, '登录超时', '<p>登录页面已过期，请返回驾驶舱重新登录。</p>');
    const username = form?.get('username')?.trim() ?? '';
    const user = DEV_USERS.find((u) => u.username === username && !u.isServiceAccount);
    if (!user || !sameSecret(form?.get('password') ?? '', DEMO_PASSWORD)) {
      return this.loginForm(res, 200, tabId, username, '用户名或密码无效。');
    }
    this.logins.delete(tabId);
    const sid = randomUUID();
    this.sessions.set(sid, { user, startedAt: now(), lastSeen: now() });
    const code = `${randomUUID()}.${sid}.${randomUUID()}`;
    this.codes.set(code, { ...login, user, sid, until: now() + CODE_SECONDS });
    this.redirect(res, login.redirectUri, { state: login.state, session_state: sid, iss: this.signer.issuer(), code });
  }

  /** Step 3: the client exchanges the code (with the PKCE verifier), later the refresh token, for tokens. */
  private async token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = await readForm(req);
    const fail = (status: number, error: string, description: string) =>
      this.json(req, res, status, { error, error_description: description });
    if (!form) return fail(400, 'invalid_request', 'Request too large');
    const clientId = form.get('client_id');
    if (clientId !== DASHBOARD_CLIENT) return fail(401, 'unauthorized_client', 'Invalid client or Invalid client credentials');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = this.codes.get(code);
      // One exchange only: a second try with the same code fails however it ends.
      this.codes.delete(code);
      if (!issued || issued.until < now() || issued.clientId !== clientId) return fail(400, 'invalid_grant', 'Code not valid');
      if (form.get('redirect_uri') !== issued.redirectUri) return fail(400, 'invalid_grant', 'Incorrect redirect_uri');
      const verifier = form.get('code_verifier');
      if (!verifier) return fail(400, 'invalid_grant', 'PKCE code verifier not specified');
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return fail(400, 'invalid_grant', 'PKCE verification failed: Invalid code verifier');
      const derived = createHash('sha256').update(verifier).digest('base64url');
      if (!sameSecret(derived, issued.challenge)) return fail(400, 'invalid_grant', 'PKCE verification failed: Code mismatch');
      const session = this.liveSession(issued.sid);
      if (!session) return fail(400, 'invalid_grant', 'Session not active');
      return this.json(req, res, 200, this.tokens(session, issued.sid, issued.scope, issued.nonce, clientId));
    }
    if (grantType === 'refresh_token') {
      const claims = this.signer.verify(form.get('refresh_token') ?? '');
      if (!claims || claims['typ'] !== 'Refresh' || claims['azp'] !== clientId) return fail(400, 'invalid_grant', 'Invalid refresh token');
      if (typeof claims['exp'] !== 'number' || claims['exp'] < now()) return fail(400, 'invalid_grant', 'Token is not active');
      const sid = String(claims['sid']);
      const session = this.liveSession(sid);
      if (!session) return fail(400, 'invalid_grant', 'Session not active');
      return this.json(req, res, 200, this.tokens(session, sid, String(claims['scope'] ?? 'openid'), undefined, clientId));
    }
    return fail(400, 'unsupported_grant_type', 'Unsupported grant_type');
  }

  /** Step 4: logout ends the session (its refresh tokens stop working) and sends the browser back. */
  private logout(query: URLSearchParams, res: http.ServerResponse): void {
    const hint = this.signer.verify(query.get('id_token_hint') ?? '');
    if (hint && typeof hint['sid'] === 'string') this.sessions.delete(hint['sid']);
    const back = query.get('post_logout_redirect_uri');
    if (back && isAllowedRedirect(back)) return this.redirect(res, back, { state: query.get('state') });
    this.page(res, 200, '已退出登录', '<p>您已退出登录。</p>');
  }

  private tokens(session: Session, sid: string, scope: string, nonce: string | undefined, clientId: string): Record<string, unknown> {
    session.lastSeen = now();
    const issuedAt = now();
    const { user } = session;
    const idToken = this.signer.sign({
      exp: issuedAt + ACCESS_TOKEN_SECONDS,
      iat: issuedAt,
      auth_time: session.startedAt,
      jti: randomUUID(),
      iss: this.signer.issuer(),
      aud: clientId,
      sub: user.subject,
      typ: 'ID',
      azp: clientId,
      ...(nonce ? { nonce } : {}),
      sid,
      acr: '1',
      email_verified: false,
      name: user.name,
      preferred_username: user.username,
      given_name: user.name.slice(1),
      family_name: user.name.slice(0, 1),
      tenant_code: user.tenantCode,
    });
    const refreshToken = this.signer.sign({
      exp: issuedAt + SESSION_IDLE_SECONDS,
      iat: issuedAt,
      jti: randomUUID(),
      iss: this.signer.issuer(),
      aud: this.signer.issuer(),
      sub: user.subject,
      typ: 'Refresh',
      azp: clientId,
      sid,
      scope,
    });
    return {
      access_token: this.signer.accessToken(user, sid, ACCESS_TOKEN_SECONDS),
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_expires_in: SESSION_IDLE_SECONDS,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      id_token: idToken,
      'not-before-policy': 0,
      session_state: sid,
      scope,
    };
  }

  private liveSession(sid: string): Session | undefined {
    const session = this.sessions.get(sid);
    if (session && session.lastSeen + SESSION_IDLE_SECONDS < now()) this.sessions.delete(sid);
    return this.sessions.get(sid);
  }

  /** Drops what has expired, so abandoned logins do not pile up. */
  private forget(): void {
    const t = now();
    for (const [id, login] of this.logins) if (login.until < t) this.logins.delete(id);
    for (const [code, issued] of this.codes) if (issued.until < t) this.codes.delete(code);
    for (const [sid, session] of this.sessions) if (session.lastSeen + SESSION_IDLE_SECONDS < t) this.sessions.delete(sid);
  }

  /** The browser app calls the token endpoint from its own origin: Keycloak answers with CORS for the client's web origins. */
  private cors(req: http.IncomingMessage, res: http.ServerResponse): void {
    const origin = req.headers.origin;
    if (origin && isAllowedRedirect(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
  }

  private preflight(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.cors(req, res);
    res.writeHead(200, {
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Origin, Accept, X-Requested-With, Content-Type, Authorization',
      'access-control-max-age': '3600',
    });
    res.end();
  }

  private json(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown): void {
    this.cors(req, res);
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' });
    res.end(JSON.stringify(body));
  }

  private redirect(res: http.ServerResponse, to: string, params: Record<string, string | null | undefined>): void {
    const url = new URL(to);
    for (const [name, value] of Object.entries(params)) if (value != null) url.searchParams.set(name, value);
    res.writeHead(302, { location: url.toString(), 'cache-control': 'no-store' });
    res.end();
  }

  private loginForm(res: http.ServerResponse, status: number, tabId: string, username: string, error: string): void {
    const action = `${this.prefix}/login-actions/authenticate?client_id=${DASHBOARD_CLIENT}&tab_id=${encodeURIComponent(tabId)}`;
    const users = DEV_USERS.filter((u) => !u.isServiceAccount)
      .map((u) => `<li><code>${escapeHtml(u.username)}</code> ${escapeHtml(u.name)}</li>`)
      .join('');
    this.page(
      res,
      status,
      '登录',
      `<form id="kc-form-login" method="post" action="${escapeHtml(action)}">
<label for="username">用户名</label><input id="username" name="username" value="${escapeHtml(username)}" autocomplete="username" autofocus>
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password">
${error ? `<p id="input-error" role="alert">${escapeHtml(error)}</p>` : ''}
<button id="kc-login" name="login" type="submit">登录</button>
</form>
<details><summary>演示用户（开发环境，密码均为 ${DEMO_PASSWORD}）</summary><ul>${users}</ul></details>`,
    );
  }

  private page(res: http.ServerResponse, status: number, title: string, body: string): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // No form-action: the login form's answer redirects to the client, which Chromium checks against form-action too.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
      'x-frame-options': 'DENY',
    });
    res.end(`<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · 重点项目</title>
<style>body{font-family:sans-serif;max-width:360px;margin:80px auto;color:#1f2d3d}form{display:grid;gap:8px}input{padding:8px;font-size:16px}button{padding:10px;background:#a4161a;color:#fff;border:0;font-size:16px}[role=alert]{color:#c0392b}</style>
</head>
<body><h1>重点项目 · ${escapeHtml(title)}</h1>${body}</body>
</html>`);
  }
}
