import type { Message } from '../language/message';

/**
 * Why an access token was refused: a stable reason a client can branch on (`extensions.reason`;
 * TOKEN_EXPIRED means "refresh and retry", most others "sign in again" or "fix the client"), and
 * one plain message per reason in each language. Messages never carry what a library said: they
 * stay the same whichever verifier runs, and they fit a WebSocket close frame (123 bytes), where
 * a refused socket reads them.
 */
export const TOKEN_REJECTIONS = {
  TOKEN_MISSING: {
    zh: '未提供访问令牌：请在请求头中发送 Authorization: Bearer <令牌>',
    en: 'an access token is required: send Authorization: Bearer <token>',
  },
  TOKEN_MALFORMED: {
    zh: '访问令牌不是格式正确的 JWT：请原样发送 Keycloak 签发的令牌',
    en: 'the access token is not a well-formed JWT: send the access token exactly as Keycloak issued it',
  },
  TOKEN_ALGORITHM_UNSUPPORTED: {
    zh: '访问令牌未使用 RS256 签名（头部 alg）：只接受 RS256',
    en: 'the access token is not signed with RS256, the only algorithm accepted (header alg)',
  },
  TOKEN_KEY_UNKNOWN: {
    zh: '访问令牌的签名密钥不是本域公布的（头部 kid）：请重新获取令牌',
    en: 'the access token is signed with a key the realm does not publish (header kid): get a new token',
  },
  TOKEN_SIGNATURE_INVALID: {
    zh: '访问令牌的签名与内容不符：请向 Keycloak 重新获取令牌',
    en: "the access token's signature does not match its content: get a new token from Keycloak",
  },
  TOKEN_KEYS_UNAVAILABLE: {
    zh: '暂时无法获取本域的签名密钥来验证访问令牌：请稍后重试',
    en: "the realm's signing keys could not be fetched to check the access token: try again later",
  },
  TOKEN_TYPE_WRONG: {
    zh: '不是访问令牌（typ 须为 Bearer）：请勿发送 ID 令牌或刷新令牌',
    en: 'the token is not an access token (typ must be Bearer): send the access token, not an ID or refresh token',
  },
  TOKEN_ISSUER_WRONG: {
    zh: '访问令牌由其他域或服务器签发（iss）：请登录本系统的域',
    en: "the access token was issued by another realm or server (iss): sign in to this API's realm",
  },
  TOKEN_AUDIENCE_WRONG: {
    zh: '访问令牌不是签发给本系统的（aud）：请申请本系统的令牌',
    en: 'the access token is not meant for this API (aud does not name it): request a token for this API',
  },
  TOKEN_EXPIRY_MISSING: {
    zh: '访问令牌没有有效期（exp）：不接受永不过期的令牌',
    en: 'the access token has no expiry (exp): tokens that never expire are refused',
  },
  TOKEN_EXPIRED: {
    zh: '访问令牌已过期（exp）：请刷新令牌或重新登录',
    en: 'the access token has expired (exp): refresh it or sign in again',
  },
  TOKEN_NOT_YET_VALID: {
    zh: '访问令牌尚未生效（nbf 晚于当前时间）：请检查签发方的时钟',
    en: 'the access token is not valid yet (nbf is in the future): check the clock of the token issuer',
  },
  TOKEN_ISSUED_IN_FUTURE: {
    zh: '访问令牌的签发时间晚于当前时间（iat）：请检查签发方的时钟',
    en: 'the access token was issued in the future (iat): check the clock of the token issuer',
  },
  TOKEN_SUBJECT_MISSING: {
    zh: '访问令牌未指明用户（sub）：请以用户或服务账号登录',
    en: 'the access token names no user (sub): sign in as a user or a service account',
  },
  TOKEN_UNVERIFIABLE: {
    zh: '无法验证访问令牌：请向 Keycloak 重新获取令牌',
    en: 'the access token could not be verified: get a new token from Keycloak',
  },
} as const satisfies Record<string, Message>;

export type TokenRejection = keyof typeof TOKEN_REJECTIONS;

export class TokenRejected extends Error {
  override name = 'TokenRejected';

  constructor(
    readonly reason: TokenRejection,
    /** What the verifier said, for the server's log only: never shown to the client. */
    readonly detail?: string,
  ) {
    super(TOKEN_REJECTIONS[reason].en);
  }
}
