/**
 * Why an access token was refused: a stable reason a client can branch on (`extensions.reason`;
 * TOKEN_EXPIRED means "refresh and retry", most others "sign in again" or "fix the client"), and
 * one plain message per reason. Messages never carry what a library said: they stay the same
 * whichever verifier runs, and they fit a WebSocket close frame (123 bytes), where a refused
 * socket reads them.
 */
export const TOKEN_REJECTIONS = {
  TOKEN_MISSING: 'an access token is required: send Authorization: Bearer <token>',
  TOKEN_MALFORMED: 'the access token is not a well-formed JWT: send the access token exactly as Keycloak issued it',
  TOKEN_ALGORITHM_UNSUPPORTED: 'the access token is not signed with RS256, the only algorithm accepted (header alg)',
  TOKEN_KEY_UNKNOWN: "the access token is signed with a key the realm does not publish (header kid): get a new token",
  TOKEN_SIGNATURE_INVALID: "the access token's signature does not match its content: get a new token from Keycloak",
  TOKEN_KEYS_UNAVAILABLE: "the realm's signing keys could not be fetched to check the access token: try again later",
  TOKEN_TYPE_WRONG: 'the token is not an access token (typ must be Bearer): send the access token, not an ID or refresh token',
  TOKEN_ISSUER_WRONG: "the access token was issued by another realm or server (iss): sign in to this API's realm",
  TOKEN_AUDIENCE_WRONG: 'the access token is not meant for this API (aud does not name it): request a token for this API',
  TOKEN_EXPIRY_MISSING: 'the access token has no expiry (exp): tokens that never expire are refused',
  TOKEN_EXPIRED: 'the access token has expired (exp): refresh it or sign in again',
  TOKEN_NOT_YET_VALID: 'the access token is not valid yet (nbf is in the future): check the clock of the token issuer',
  TOKEN_ISSUED_IN_FUTURE: 'the access token was issued in the future (iat): check the clock of the token issuer',
  TOKEN_SUBJECT_MISSING: 'the access token names no user (sub): sign in as a user or a service account',
  TOKEN_UNVERIFIABLE: 'the access token could not be verified: get a new token from Keycloak',
} as const;

export type TokenRejection = keyof typeof TOKEN_REJECTIONS;

export class TokenRejected extends Error {
  override name = 'TokenRejected';

  constructor(
    readonly reason: TokenRejection,
    /** What the verifier said, for the server's log only: never shown to the client. */
    readonly detail?: string,
  ) {
    super(TOKEN_REJECTIONS[reason]);
  }
}
