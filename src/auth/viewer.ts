/**
 * Who is asking. Built from the verified access token once identities are wired in; every service
 * receives it through the request context, so scope and attribution never read globals.
 */
export interface Viewer {
  /** Keycloak subject (`sub`), recorded on everything the viewer changes. */
  readonly subject: string;
  /** Display name, recorded next to the subject for people reading the history. */
  readonly name: string;
  /** Division code of the viewer's tenant; undefined for the system itself. */
  readonly tenantCode: string | undefined;
  readonly roles: readonly string[];
}

/**
 * The viewer of a request until Keycloak identities land (the next issue): unrestricted, and
 * recorded as `system` on what it changes.
 */
export const SYSTEM_VIEWER: Viewer = Object.freeze({
  subject: 'system',
  name: '系统',
  tenantCode: undefined,
  roles: Object.freeze([]) as readonly string[],
});
