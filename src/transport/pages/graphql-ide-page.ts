/**
 * The GraphiQL page: a bar with the access-token field above the IDE. Everything it loads comes
 * from this server (see graphql-ide.ts); its own script and styles are files too, so the page's
 * Content-Security-Policy can refuse every inline script.
 */

export interface IdePageOptions {
  /** Where queries go (POST) and subscriptions connect (WebSocket), e.g. /graphql. */
  readonly endpoint: string;
  /** Where the page's files are served, e.g. /graphql/ide. */
  readonly assets: string;
  /** Development realms mint tokens with `npm run token`; a real Keycloak signs users in itself. */
  readonly hasDevelopmentTokens: boolean;
}

export function idePage({ endpoint, assets, hasDevelopmentTokens }: IdePageOptions): string {
  const hint = hasDevelopmentTokens
    ? '开发环境：运行 <code>npm run token -- city-leader</code>（或其他演示用户），把输出粘贴到这里。'
    : '使用 Keycloak 签发的访问令牌（access token）。';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>重点项目 GraphQL · GraphiQL</title>
<link rel="stylesheet" href="${assets}/graphiql.min.css">
<link rel="stylesheet" href="${assets}/ide.css">
</head>
<body data-endpoint="${endpoint}">
<form class="kp-token-bar" id="kp-token-form" autocomplete="off">
  <label for="kp-token">访问令牌 (Bearer)</label>
  <input id="kp-token" name="token" type="password" spellcheck="false" placeholder="eyJhbGciOi…">
  <button type="submit">使用</button>
  <button type="button" id="kp-token-clear">清除</button>
  <output id="kp-token-status" for="kp-token"></output>
  <span class="kp-hint">${hint} 令牌只保存在本标签页（sessionStorage），关闭即清除。</span>
</form>
<main id="graphiql"><p class="kp-loading">正在加载 GraphiQL…</p></main>
<script src="${assets}/react.production.min.js"></script>
<script src="${assets}/react-dom.production.min.js"></script>
<script src="${assets}/graphiql.min.js"></script>
<script src="${assets}/ide.js"></script>
</body>
</html>
`;
}

/** The page's own styles: the token bar above GraphiQL, which fills the rest of the window. */
export const IDE_STYLESHEET = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; color-scheme: light dark; font: 14px/1.4 system-ui, sans-serif; }
#graphiql { flex: 1; min-height: 0; }
.kp-loading { padding: 16px; }
.kp-token-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 6px 12px;
  border-bottom: 1px solid rgba(128, 128, 128, 0.35); }
.kp-token-bar label { font-weight: 600; }
.kp-token-bar input { flex: 0 1 32em; min-width: 12em; padding: 3px 6px; font: 13px ui-monospace, monospace; }
.kp-token-bar output { font-weight: 600; }
.kp-token-bar output.kp-expired { color: #c62828; }
.kp-hint { flex-basis: 100%; font-size: 12px; opacity: 0.75; }
`;
