import type { Request, Response } from 'express';
import { setPageHeaders } from './page-headers';

/**
 * GET /api: says what this server's API is and where to go (the leaders' dashboard has `/`);
 * plain HTML with no script, no styles, nothing from elsewhere.
 */

export interface HomePageOptions {
  /** The GraphQL path, e.g. /graphql. */
  readonly endpoint: string;
  /** GraphiQL is served at the GraphQL path (GRAPHQL_IDE). */
  readonly hasIde: boolean;
}

export function homePage({ endpoint, hasIde }: HomePageOptions): (req: Request, res: Response) => void {
  const ide = hasIde
    ? `<li><a href="${endpoint}">GraphiQL</a>：在浏览器中编写、运行查询，查看每个类型和字段的说明（需要访问令牌）</li>\n`
    : '';
  const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>重点项目 GraphQL 接口</title>
</head>
<body>
<h1>重点项目 GraphQL 接口</h1>
<p>市、县（区）、乡镇（街道）重点项目的投资计划、开工、月度进展、里程碑和调度数据。</p>
<ul>
<li><a href="/">领导驾驶舱</a>：重点项目总览（登录后使用）</li>
${ide}<li>GraphQL：<code>POST ${endpoint}</code>（HTTP，<code>Authorization: Bearer &lt;访问令牌&gt;</code>），订阅使用同一路径上的 WebSocket（graphql-ws 协议）</li>
<li><a href="/healthz">/healthz</a>：存活检查；<a href="/readyz">/readyz</a>：就绪检查（数据库可用且迁移已完成）</li>
</ul>
</body>
</html>
`;
  return (_req, res) => {
    setPageHeaders(res, {});
    res.type('html').send(page);
  };
}
