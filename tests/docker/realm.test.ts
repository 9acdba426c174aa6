import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_USERS, DASHBOARD_CLIENT, INTEGRATOR_CLIENT } from '../../src/auth/dev-users';
import { ALL_ROLES, Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';

/**
 * docker/keycloak/realm.json is the Keycloak realm the API trusts outside development. It must say
 * what the development realm (src/auth/dev-realm.ts) says: same realm name, roles, users and subjects,
 * `aud` naming the API and the tenant claim, or a deployment fails where development passed.
 */

interface ProtocolMapper {
  name: string;
  protocol: string;
  protocolMapper: string;
  config: Record<string, string>;
}

interface Client {
  clientId: string;
  description?: string;
  enabled?: boolean;
  bearerOnly?: boolean;
  publicClient?: boolean;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  secret?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: ProtocolMapper[];
  defaultClientScopes?: string[];
}

interface RealmRole {
  name: string;
  description?: string;
  composite: boolean;
  composites?: { realm?: string[]; client?: Record<string, string[]> };
}

interface User {
  id: string;
  username: string;
  enabled?: boolean;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  serviceAccountClientId?: string;
  attributes?: Record<string, string[]>;
  realmRoles?: string[];
  credentials?: { type: string; value: string; temporary?: boolean }[];
}

interface Realm {
  realm: string;
  enabled: boolean;
  sslRequired: string;
  accessTokenLifespan: number;
  roles: { realm: RealmRole[] };
  defaultRole?: { name: string };
  clients: Client[];
  clientScopes?: { name: string; protocol: string; protocolMappers?: ProtocolMapper[] }[];
  users: User[];
  components?: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
}

const realmFile = path.resolve(__dirname, '../../docker/keycloak/realm.json');
const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as Realm;
const { keycloak } = loadConfig({});
const defaultRoles = `default-roles-${keycloak.realm}`;

function client(clientId: string): Client {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`realm.json has no client ${clientId}`);
  return found;
}

/** What shapes a client's tokens: its own mappers and those of its default client scopes. */
function tokenMappers(c: Client): ProtocolMapper[] {
  const scoped = (c.defaultClientScopes ?? []).flatMap(
    (name) => realm.clientScopes?.find((s) => s.name === name)?.protocolMappers ?? [],
  );
  return [...(c.protocolMappers ?? []), ...scoped].filter((m) => m.protocol === 'openid-connect');
}

function userWithId(id: string): User {
  const found = realm.users.find((u) => u.id === id);
  if (!found) throw new Error(`realm.json has no user with id ${id}`);
  return found;
}

describe('docker/keycloak/realm.json', () => {
  it('is the realm the API expects by default (KEYCLOAK_REALM), enabled, with TLS required for external clients', () => {
    expect(realm.realm).toBe(keycloak.realm);
    expect(realm.enabled).toBe(true);
    expect(realm.sslRequired).toBe('external');
    expect(realm.accessTokenLifespan).toBeGreaterThan(0);
    expect(realm.accessTokenLifespan).toBeLessThanOrEqual(3600);
  });

  it('defines every role of the Role enum as a described realm role', () => {
    const realmRoles = new Map(realm.roles.realm.map((r) => [r.name, r]));
    for (const role of ALL_ROLES) {
      expect(realmRoles.get(role)).toMatchObject({ name: role, composite: false });
      expect(realmRoles.get(role)?.description).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('makes default-roles-<realm> the default role, granting offline_access and uma_authorization', () => {
    const role = realm.roles.realm.find((r) => r.name === defaultRoles);
    expect(role?.composite).toBe(true);
    expect(role?.composites?.realm).toEqual(expect.arrayContaining(['offline_access', 'uma_authorization']));
    expect(realm.roles.realm.map((r) => r.name)).toEqual(expect.arrayContaining(['offline_access', 'uma_authorization']));
    expect(realm.defaultRole?.name).toBe(defaultRoles);
  });

  it('registers the API (KEYCLOAK_CLIENT_ID) as a bearer-only client that cannot obtain tokens', () => {
    expect(client(keycloak.clientId)).toMatchObject({
      bearerOnly: true,
      publicClient: false,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
    });
  });

  it('lets the dashboard sign in as a public client with the authorization code flow and PKCE S256 only', () => {
    const dashboard = client(DASHBOARD_CLIENT);
    expect(dashboard).toMatchObject({ publicClient: true, standardFlowEnabled: true, serviceAccountsEnabled: false });
    expect(dashboard.implicitFlowEnabled).not.toBe(true);
    expect(dashboard.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(dashboard.redirectUris).toContain('http://localhost:5173/*');
    expect(dashboard.redirectUris).not.toContain('*');
    // Password grants are a demo convenience; the description must say so.
    if (dashboard.directAccessGrantsEnabled) expect(dashboard.description).toMatch(/demo/i);
  });

  it('gives the integrator a confidential client-credentials client whose service account is an integrator bound to 371400', () => {
    const integrator = client(INTEGRATOR_CLIENT);
    expect(integrator).toMatchObject({
      publicClient: false,
      bearerOnly: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    expect(integrator.secret).toEqual(expect.stringMatching(/\S/));
    expect(integrator.description).toMatch(/rotate/i);

    const serviceAccount = realm.users.find((u) => u.serviceAccountClientId === INTEGRATOR_CLIENT);
    expect(serviceAccount).toMatchObject({ username: `service-account-${INTEGRATOR_CLIENT}`, enabled: true });
    expect(serviceAccount?.realmRoles).toContain(Role.INTEGRATOR);
    expect(serviceAccount?.attributes?.tenant_code).toEqual(['371400']);
    expect(serviceAccount?.credentials ?? []).toEqual([]);
  });

  it('declares tenant_code in the user profile, editable by administrators only', () => {
    const [profile] = realm.components?.['org.keycloak.userprofile.UserProfileProvider'] ?? [];
    expect(profile?.providerId).toBe('declarative-user-profile');
    const config = JSON.parse(profile?.config['kc.user.profile.config']?.[0] ?? '{}') as {
      attributes?: { name: string; permissions?: { edit?: string[] } }[];
      unmanagedAttributePolicy?: string;
    };
    const names = (config.attributes ?? []).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['username', 'email', 'firstName', 'lastName', 'tenant_code']));
    expect(config.attributes?.find((a) => a.name === 'tenant_code')?.permissions?.edit).toEqual(['admin']);
    // Users editing unmanaged attributes themselves could move to another tenant.
    expect(config.unmanagedAttributePolicy ?? 'DISABLED').not.toBe('ENABLED');
  });

  describe.each([DASHBOARD_CLIENT, INTEGRATOR_CLIENT])('tokens issued to %s', (clientId) => {
    it('name the API client id in aud through an audience mapper', () => {
      const audience = tokenMappers(client(clientId)).filter((m) => m.protocolMapper === 'oidc-audience-mapper');
      expect(audience).toContainEqual(
        expect.objectContaining({
          config: expect.objectContaining({ 'included.client.audience': keycloak.clientId, 'access.token.claim': 'true' }),
        }),
      );
    });

    it('carry the user attribute tenant_code as the tenant claim (KEYCLOAK_TENANT_CLAIM) of the access token', () => {
      const tenant = tokenMappers(client(clientId)).filter(
        (m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper' && m.config['user.attribute'] === 'tenant_code',
      );
      expect(tenant).toContainEqual(
        expect.objectContaining({
          config: expect.objectContaining({
            'claim.name': keycloak.tenantClaim,
            'jsonType.label': 'String',
            'access.token.claim': 'true',
          }),
        }),
      );
      expect(tenant.every((m) => m.config.multivalued !== 'true')).toBe(true);
    });
  });

  describe.each(DEV_USERS.map((u) => [u.username, u] as const))('demo user %s', (_name, devUser) => {
    it('exists with the same subject, username, tenant_code and roles as in the development realm', () => {
      const user = userWithId(devUser.subject);
      expect(user.enabled).toBe(true);
      expect(user.username).toBe(devUser.isServiceAccount ? `service-account-${devUser.clientId}` : devUser.username);
      expect(user.attributes?.tenant_code).toEqual([devUser.tenantCode]);
      expect(user.realmRoles?.filter((r) => (ALL_ROLES as readonly string[]).includes(r)).sort()).toEqual([...devUser.roles].sort());
      expect(user.realmRoles).toContain(defaultRoles);
    });

    if (devUser.isServiceAccount) {
      it('is the service-account user of its client and has no password', () => {
        const user = userWithId(devUser.subject);
        expect(user.serviceAccountClientId).toBe(devUser.clientId);
        expect(client(devUser.clientId).serviceAccountsEnabled).toBe(true);
        expect(user.credentials ?? []).toEqual([]);
      });
    } else {
      it('signs in with the password "demo", verified e-mail and its Chinese name split into family and given name', () => {
        const user = userWithId(devUser.subject);
        expect(user.serviceAccountClientId).toBeUndefined();
        expect(user.emailVerified).toBe(true);
        expect(user.lastName).toBe(devUser.name.slice(0, 1));
        expect(user.firstName).toBe(devUser.name.slice(1));
        expect(user.credentials).toEqual([{ type: 'password', value: 'demo', temporary: false }]);
      });
    }
  });

  it('holds no user beyond the demo users', () => {
    expect(realm.users.map((u) => u.id).sort()).toEqual(DEV_USERS.map((u) => u.subject).sort());
  });
});
