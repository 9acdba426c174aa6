import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DevRealmLogin } from './dev-realm-login';
import { Role } from './roles';
import type { DevUser } from './dev-users';

/**
 * A development stand-in for a Keycloak realm, on loopback only: it serves the realm's discovery
 * document and JWKS, and signs RS256 access tokens shaped exactly like Keycloak's, so the server
 * verifies them through keycloak-connect as it would in production. Its key lives in the data
 * directory, so tokens survive restarts. Never used in production (config refuses it).
 */
export interface DevRealmOptions {
  /** Directory that keeps the signing key. */
  keyDir: string;
  realm: string;
  /** The API's client id: every token names it in `aud`. */
  apiClientId: string;
  tenantClaim: string;
}

export interface IssueOptions {
  /** Lifetime in seconds; negative for an already expired token. Default 8 hours. */
  expiresIn?: number;
  /** Claims to add or replace (tests forge wrong issuers and audiences with this); undefined removes one. */
  claims?: Record<string, unknown>;
  /** Header fields to add or replace (tests forge unknown key ids and algorithms with this). */
  header?: Record<string, unknown>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The realm's signing key in its directory; `npm start` creates it on its first start. */
export const devRealmKeyFile = (keyDir: string): string => path.join(keyDir, 'signing-key.pem');

/**
 * Where a listening realm says which URL it serves, so `npm run token` names the issuer the running
 * server checks, whatever DEV_REALM_PORT the command sees (0 even picks a new port at every start).
 */
export const devRealmAnnouncementFile = (keyDir: string): string => path.join(keyDir, 'listening.json');

export interface DevRealmAnnouncement {
  /** Base URL (auth-server-url) the realm listens on. */
  url: string;
  pid: number;
}

export function readDevRealmAnnouncement(keyDir: string): DevRealmAnnouncement | undefined {
  try {
    const parsed = JSON.parse(readFileSync(devRealmAnnouncementFile(keyDir), 'utf8')) as Partial<DevRealmAnnouncement>;
    return typeof parsed.url === 'string' && typeof parsed.pid === 'number' ? { url: parsed.url, pid: parsed.pid } : undefined;
  } catch {
    return undefined;
  }
}

function loadOrCreateKey(keyDir: string): KeyObject {
  const file = devRealmKeyFile(keyDir);
  if (!existsSync(file)) {
    mkdirSync(keyDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return createPrivateKey(readFileSync(file));
}

export class DevRealm {
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  readonly kid: string;
  private server: http.Server | undefined;
  private serverUrl: string | undefined;
  /** The browser sign-in (the dashboard's authorization code flow). */
  private readonly login: DevRealmLogin;

  constructor(
    private readonly options: DevRealmOptions,
    serverUrl?: string,
  ) {
    this.privateKey = loadOrCreateKey(options.keyDir);
    const jwk = createPublicKey(this.privateKey).export({ format: 'jwk' });
    this.kid = createHash('sha256').update(`${jwk.n}.${jwk.e}`).digest('base64url').slice(0, 32);
    this.publicJwk = { kid: this.kid, kty: 'RSA', alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e };
    this.serverUrl = serverUrl;
    this.login = new DevRealmLogin(options.realm, {
      issuer: () => this.issuer,
      accessToken: (user, sid, expiresIn) => this.issue(user, { expiresIn, claims: { sid, session_state: sid } }),
      sign: (claims) => this.sign(claims),
      verify: (token) => this.verifyOwn(token),
    });
  }

  /** Base URL to give keycloak-connect as `auth-server-url`. */
  get url(): string {
    if (!this.serverUrl) throw new Error('the development realm is not listening');
    return this.serverUrl;
  }

  get issuer(): string {
    return `${this.url}/realms/${this.options.realm}`;
  }

  async listen(port: number): Promise<string> {
    const prefix = `/realms/${this.options.realm}`;
    this.server = http.createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        // Browser apps read discovery and keys from their own origin, as Keycloak lets them.
        res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify(body));
      };
      if (this.login.handle(req, res)) return;
      if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
      if (req.url === `${prefix}/protocol/openid-connect/certs`) return send(200, { keys: [this.publicJwk] });
      if (req.url === `${prefix}/.well-known/openid-configuration`) {
        return send(200, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/protocol/openid-connect/certs`,
          token_endpoint: `${this.issuer}/protocol/openid-connect/token`,
          id_token_signing_alg_values_supported: ['RS256'],
          ...this.login.discovery(),
        });
      }
      if (req.url === prefix) return send(200, { realm: this.options.realm, 'token-service': `${this.issuer}/protocol/openid-connect` });
      return send(404, { error: 'not found' });
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const announcement: DevRealmAnnouncement = { url: this.serverUrl, pid: process.pid };
    writeFileSync(devRealmAnnouncementFile(this.options.keyDir), `${JSON.stringify(announcement)}\n`);
    return this.serverUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Only our own: another server on the same DATA_DIR (with DATABASE_URL) may have announced since.
    const keyDir = this.options.keyDir;
    if (readDevRealmAnnouncement(keyDir)?.pid === process.pid) rmSync(devRealmAnnouncementFile(keyDir), { force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** An access token in Keycloak's format (claims and header as Keycloak 26 writes them). */
  issue(user: DevUser, options: IssueOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const clientRoles = ['default-roles-' + this.options.realm, 'offline_access', 'uma_authorization'];
    const claims: Record<string, unknown> = {
      exp: now + (options.expiresIn ?? 8 * 3600),
      iat: now,
      jti: `onrtro:${randomUUID()}`,
      iss: this.issuer,
      aud: [this.options.apiClientId, 'account'],
      sub: user.subject,
      typ: 'Bearer',
      azp: user.clientId,
      ...(user.isServiceAccount ? {} : { sid: randomUUID(), session_state: randomUUID() }),
      acr: '1',
      'allowed-origins': ['/*'],
      realm_access: { roles: [...clientRoles, ...user.roles] },
      resource_access: { account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] } },
      scope: user.isServiceAccount ? 'profile email' : 'openid profile email',
      email_verified: false,
      ...(user.isServiceAccount
        ? {
            clientHost: '127.0.0.1',
            clientAddress: '127.0.0.1',
            client_id: user.clientId,
            preferred_username: `service-account-${user.clientId}`,
          }
        : { name: user.name, preferred_username: user.username, given_name: user.name.slice(1), family_name: user.name.slice(0, 1) }),
      [this.options.tenantClaim]: user.tenantCode,
      ...options.claims,
    };
    return this.sign(claims, options.header);
  }

  /** A JWT of this realm (RS256, its key id): access, ID and refresh tokens alike. */
  private sign(claims: Record<string, unknown>, extraHeader: Record<string, unknown> = {}): string {
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid, ...extraHeader };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('RSA-SHA256', Buffer.from(signingInput), this.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  /** The claims of a token this realm signed (a logout's id_token_hint, a refresh token); undefined for any other. */
  private verifyOwn(token: string): Record<string, unknown> | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.privateKey, Buffer.from(signature, 'base64url'));
    if (!valid) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A user made up on the spot (tests): any subject, tenant and roles. */
export function adHocUser(fields: { subject?: string; name?: string; tenantCode: string; roles: Role[] }): DevUser {
  return {
    username: `user-${fields.subject ?? randomUUID()}`,
    subject: fields.subject ?? randomUUID(),
    name: fields.name ?? '测试用户',
    tenantCode: fields.tenantCode,
    roles: fields.roles,
    clientId: 'key-projects-dashboard',
    description: 'ad hoc',
  };
}
