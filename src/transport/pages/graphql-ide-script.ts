/**
 * The GraphiQL page's own script, served as a file (`<assets>/ide.js`) because the page's
 * Content-Security-Policy allows no inline script. It runs in the browser after the React and
 * GraphiQL bundles and uses their globals (React, ReactDOM, GraphiQL).
 *
 * The token lives in the field and in sessionStorage only (gone with the tab), never in GraphiQL's
 * headers editor, which GraphiQL may keep in localStorage. Queries and the schema go over HTTP,
 * subscriptions over graphql-ws on the same path with the token in connection_init, as the server
 * expects.
 */
export const IDE_SCRIPT = `'use strict';
(function () {
  var TOKEN_KEY = 'key-projects.access-token';
  var DEFAULT_QUERY = [
    '# 重点项目 GraphQL. Paste an access token above, then run this query (Ctrl-Enter).',
    '# The Docs button lists every type and field with its description.',
    '{',
    '  tenants {',
    '    code',
    '    name',
    '    level',
    '  }',
    '}',
    '',
  ].join('\\n');

  var endpoint = new URL(document.body.getAttribute('data-endpoint'), location.href);
  var socketEndpoint = new URL(endpoint.href);
  socketEndpoint.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  var form = document.getElementById('kp-token-form');
  var field = document.getElementById('kp-token');
  var status = document.getElementById('kp-token-status');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var current;

  function storage() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return undefined; // storage disabled: the token lasts as long as the page
    }
  }

  /** The token as pasted, with or without the "Bearer " prefix. */
  function tokenOf(text) {
    return text.trim().replace(/^Bearer\\s+/i, '');
  }

  /** The token's expiry (its exp claim), read without verifying: only to tell the user. */
  function expiryOf(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var exp = JSON.parse(atob(part)).exp;
      return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
    } catch (e) {
      return undefined;
    }
  }

  function showStatus(token) {
    var expiry = token ? expiryOf(token) : undefined;
    var expired = expiry !== undefined && expiry.getTime() <= Date.now();
    status.className = expired ? 'kp-expired' : '';
    if (!token) status.textContent = '未设置令牌：只能查看结构（若服务器允许）';
    else if (!expiry) status.textContent = '';
    else if (expired) status.textContent = '令牌已过期，请重新获取';
    else status.textContent = '有效至 ' + expiry.toLocaleString('zh-CN', { hour12: false });
  }

  function render(token) {
    current = token;
    var headers = token ? { authorization: 'Bearer ' + token } : {};
    var fetcher = GraphiQL.createFetcher({
      url: endpoint.href,
      headers: headers,
      subscriptionUrl: socketEndpoint.href,
      wsConnectionParams: headers,
    });
    showStatus(token);
    // A new fetcher makes GraphiQL read the schema again, now with this token.
    root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: DEFAULT_QUERY, shouldPersistHeaders: false }));
  }

  function useToken(token) {
    // Enter and then leaving the field would read the schema twice.
    if (token === current) return;
    var store = storage();
    if (store) {
      if (token) store.setItem(TOKEN_KEY, token);
      else store.removeItem(TOKEN_KEY);
    }
    render(token);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    useToken(tokenOf(field.value));
  });
  field.addEventListener('change', function () {
    useToken(tokenOf(field.value));
  });
  document.getElementById('kp-token-clear').addEventListener('click', function () {
    field.value = '';
    useToken('');
  });

  var saved = storage() && storage().getItem(TOKEN_KEY);
  field.value = saved || '';
  render(saved || '');
})();
`;
