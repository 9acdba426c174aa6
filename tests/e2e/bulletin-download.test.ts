import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BulletinFileFormat } from '../../src/exports/bulletin-download.types';
import { signDownload } from '../../src/exports/download-link';
import { CITY, CITY_LEADER, COUNTY_LEADER, DECHENG, NINGJIN } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The bulletin's files over real HTTP: a link from bulletinDownload, the file from the route, read
 * back (exceljs for the workbook, the document's XML for Word) and compared with the API's own
 * monthlyBulletin for the same viewer; and every way a link is refused, each with its code.
 */

const PERIOD = '2026-10';

const BULLETIN = `query($code: String!, $period: Period!, $after: String) {
  monthlyBulletin(tenantCode: $code, period: $period) {
    tenantName title sections { section title }
    overview { projectCount listedCount annualPlanWan completedThisYearWan completionRate timeProgress progressGap
      newStartRate annualStartRate fundsInPlaceWan overdueMilestoneCount }
    byTenant { rows { tenantName position completedThisYearWan completionRate } }
    laggingProjectCount
    laggingProjects(first: 200, after: $after) { nodes { projectName progressGap } pageInfo { hasNextPage endCursor } }
  }
}`;

const LINK = `query($code: String!, $period: Period!, $format: BulletinFileFormat!, $publicationId: ID) {
  bulletinDownload(tenantCode: $code, period: $period, format: $format, publicationId: $publicationId) { url expiresAt fileName }
}`;

interface Bulletin {
  tenantName: string;
  title: string;
  sections: { section: string; title: string }[];
  overview: Record<string, string | number | null>;
  byTenant: { rows: { tenantName: string; position: number; completedThisYearWan: string; completionRate: number | null }[] };
  laggingProjectCount: number;
  laggingProjects: {
    nodes: { projectName: string; progressGap: number | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('bulletin downloads', () => {
  let server: TestServer;
  let origin: string;
  let bulletin: Bulletin;
  let lagging: { projectName: string; progressGap: number | null }[];

  const link = async (variables: Record<string, unknown>, as: string | typeof CITY_LEADER = CITY_LEADER) => {
    const answer = await server.gql<{ bulletinDownload: { url: string; expiresAt: string; fileName: string } }>(LINK, variables, as);
    expect(answer.errors).toBeUndefined();
    return answer.data!.bulletinDownload;
  };
  const download = (url: string, headers: Record<string, string> = {}) => fetch(`${origin}${url}`, { headers });
  const refusal = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });
  /** The key as the database keeps it: for links a test makes itself (expired, or for a tenant out of the viewer's reach). */
  const signingKey = async () => {
    const [row] = await server.adminOrm.em.fork().execute<{ secret: Buffer }[]>('select secret from download_signing_key');
    return row!.secret;
  };

  beforeAll(async () => {
    server = await startTestServer('demo', CITY_LEADER);
    origin = new URL(server.url).origin;
    const first = await server.gql<{ monthlyBulletin: Bulletin }>(BULLETIN, { code: CITY, period: PERIOD });
    expect(first.errors).toBeUndefined();
    bulletin = first.data!.monthlyBulletin;
    lagging = [...bulletin.laggingProjects.nodes];
    for (let page = bulletin.laggingProjects.pageInfo; page.hasNextPage;) {
      const next = await server.gql<{ monthlyBulletin: Bulletin }>(BULLETIN, { code: CITY, period: PERIOD, after: page.endCursor });
      lagging.push(...next.data!.monthlyBulletin.laggingProjects.nodes);
      page = next.data!.monthlyBulletin.laggingProjects.pageInfo;
    }
  });
  afterAll(() => server.close());

  describe('the Excel workbook', () => {
    let workbook: ExcelJS.Workbook;
    let response: Response;

    beforeAll(async () => {
      const { url, fileName } = await link({ code: CITY, period: PERIOD, format: BulletinFileFormat.XLSX });
      expect(fileName).toBe('德州市重点项目2026年10月通报.xlsx');
      response = await download(url);
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    });

    it('is sent as an attachment under its Chinese name (RFC 5987), never cached', () => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const disposition = response.headers.get('content-disposition')!;
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe('德州市重点项目2026年10月通报.xlsx');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    });

    it('has a sheet per section in the order of the bulletin, each with its title, a frozen header and an A4 page one sheet wide', () => {
      const names = workbook.worksheets.map((s) => s.name);
      expect(names.slice(0, 4)).toEqual(['总体情况', '分地区', '分类别', '分级别']);
      expect(names).toEqual(expect.arrayContaining(['红榜', '黑榜', '滞后项目', '要素制约', '月报报送', '招商引资', '督办']));
      for (const sheet of workbook.worksheets) {
        expect(String(sheet.getCell('A1').value)).toContain(bulletin.title);
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
        // Fitted to one page wide and centred on it; the title and header rows on every printed page.
        expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true });
        expect(sheet.pageSetup.printTitlesRow).toBe('1:2');
      }
    });

    it('prints the wide sheets landscape and the narrow ones portrait', () => {
      const orientation = (name: string) => workbook.getWorksheet(name)!.pageSetup.orientation;
      for (const name of ['分地区', '分类别', '红榜', '黑榜', '滞后项目'])
        expect({ name, o: orientation(name) }).toEqual({ name, o: 'landscape' });
      for (const name of ['总体情况', '要素制约', '月报报送', '招商引资', '督办'])
        expect({ name, o: orientation(name) }).toEqual({ name, o: 'portrait' });
    });

    it('sets the header bold with its unit on a second line, and rows of wrapped text as tall as their lines', () => {
      const sheet = workbook.getWorksheet('分地区')!;
      const header = sheet.getRow(2);
      expect(header.getCell(5).value).toBe('年度计划投资\n（万元）');
      expect(header.getCell(5).font).toMatchObject({ name: '宋体', bold: true });
      expect(header.height).toBeGreaterThanOrEqual(2 * 14.5);
      expect(sheet.getRow(1).getCell(1).font).toMatchObject({ name: '黑体', bold: true });
      // A reason that wraps makes its row taller than one line, so Excel and WPS show it whole.
      const lagging = workbook.getWorksheet('滞后项目')!;
      const wrapped: number[] = [];
      lagging.eachRow((row, index) => {
        if (index <= 2) return;
        const reason = String(row.getCell(11).value);
        if (reason.length > 16) wrapped.push(row.height);
      });
      expect(wrapped.length).toBeGreaterThan(0);
      for (const height of wrapped) expect(height).toBeGreaterThan(14.5 + 4);
    });

    it('opens 分地区 with the whole city in bold (no rank) and closes 分类别 and 月报报送 with 合计 rows that add up', () => {
      const whole = workbook.getWorksheet('分地区')!.getRow(3);
      expect(whole.getCell(1).value).toBeNull();
      expect(whole.getCell(3).value).toBe('全市');
      expect(whole.getCell(6).value).toBe(Number(bulletin.overview['completedThisYearWan']));
      expect(whole.getCell(3).font).toMatchObject({ bold: true });
      const categories = workbook.getWorksheet('分类别')!;
      const rows: ExcelJS.Row[] = [];
      categories.eachRow((row, index) => index > 2 && rows.push(row));
      const total = rows.find((r) => r.getCell(1).value === '合计')!;
      expect(total.getCell(1).font).toMatchObject({ bold: true });
      const parts = rows.filter((r) => r !== total);
      expect(parts.reduce((sum, r) => sum + (r.getCell(2).value as number), 0)).toBe(total.getCell(2).value);
      expect(total.getCell(2).value).toBe(bulletin.overview['projectCount']);
      const sumOfWan = (column: number) =>
        parts.reduce((sum, r) => sum + Math.round((r.getCell(column).value as number) * 10_000), 0) / 10_000;
      expect(sumOfWan(6)).toBeCloseTo(total.getCell(6).value as number, 4);
      const reporting: ExcelJS.Row[] = [];
      workbook.getWorksheet('月报报送')!.eachRow((row, index) => index > 2 && reporting.push(row));
      const reportingTotal = reporting.find((r) => r.getCell(1).value === '合计')!;
      expect(reportingTotal.getCell(1).font).toMatchObject({ bold: true });
    });

    it("holds the overview's figures as numbers, with 万元 and percent formats, equal to monthlyBulletin's", () => {
      const sheet = workbook.getWorksheet('总体情况')!;
      const byName = new Map<string, ExcelJS.Cell>();
      sheet.eachRow((row, index) => index > 2 && byName.set(String(row.getCell(1).value), row.getCell(2)));
      const o = bulletin.overview;
      expect(byName.get('项目总数')!.value).toBe(o['projectCount']);
      expect(byName.get('列入年度计划项目')!.value).toBe(o['listedCount']);
      expect(byName.get('年度计划投资')!.value).toBe(Number(o['annualPlanWan']));
      expect(byName.get('本年完成投资（已审核）')!.value).toBe(Number(o['completedThisYearWan']));
      expect(byName.get('本年完成投资（已审核）')!.numFmt).toBe('#,##0.00');
      expect(byName.get('到位资金（累计）')!.value).toBe(Number(o['fundsInPlaceWan']));
      expect(byName.get('完成率')!.value).toBeCloseTo(Number(o['completionRate']) / 100, 12);
      expect(byName.get('完成率')!.numFmt).toBe('0.00%');
      expect(byName.get('新开工项目开工率')!.value).toBeCloseTo(Number(o['newStartRate']) / 100, 12);
      expect(byName.get('年度项目开工率')!.value).toBeCloseTo(Number(o['annualStartRate']) / 100, 12);
      expect(byName.get('进度差（完成率−时序进度）')!.value).toBe(o['progressGap']);
      expect(byName.get('逾期节点')!.value).toBe(o['overdueMilestoneCount']);
    });

    it('ranks the counties as monthlyBulletin does, row for row', () => {
      const sheet = workbook.getWorksheet('分地区')!;
      const rows: { name: string; position: number; completed: number; rate: number | null }[] = [];
      sheet.eachRow((row, index) => {
        if (index > 2 && typeof row.getCell(1).value === 'number')
          rows.push({
            position: row.getCell(1).value as number,
            name: String(row.getCell(3).value),
            completed: row.getCell(6).value as number,
            rate: (row.getCell(7).value as number | null) ?? null,
          });
      });
      expect(rows.map((r) => [r.position, r.name, r.completed])).toEqual(
        bulletin.byTenant.rows.map((r) => [r.position, r.tenantName, Number(r.completedThisYearWan)]),
      );
      bulletin.byTenant.rows.forEach((r, i) =>
        r.completionRate === null ? expect(rows[i]!.rate).toBeNull() : expect(rows[i]!.rate).toBeCloseTo(r.completionRate / 100, 12),
      );
    });

    it('lists every lagging project, as many as laggingProjectCount, the same ones as laggingProjects', () => {
      const sheet = workbook.getWorksheet('滞后项目')!;
      const names: string[] = [];
      sheet.eachRow((row, index) => index > 2 && names.push(String(row.getCell(1).value)));
      expect(bulletin.laggingProjectCount).toBeGreaterThan(50);
      expect(names).toHaveLength(bulletin.laggingProjectCount);
      expect(names.sort()).toEqual(lagging.map((p) => p.projectName).sort());
    });
  });

  describe('the Word document', () => {
    let documentXml: string;
    let text: string;
    let footers: string;
    let response: Response;

    beforeAll(async () => {
      const { url } = await link({ code: CITY, period: PERIOD, format: BulletinFileFormat.DOCX });
      response = await download(url);
      const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
      documentXml = await zip.file('word/document.xml')!.async('string');
      text = [...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
      const footerFiles = Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
      footers = (await Promise.all(footerFiles.map((name) => zip.file(name)!.async('string')))).join('');
    });

    it('is laid out per GB/T 9704: A4, margins 37/35/28/26 mm, 22 lines a page, the fonts and sizes of an official document', () => {
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      // 22 lines in the 225 mm block: every line of body text exactly 29 pt (580 twips) apart.
      expect(documentXml).toMatch(/<w:spacing w:line="580" w:lineRule="exact"\/>[^]*?w:eastAsia="仿宋_GB2312"[^]*?<w:sz w:val="32"\/>/);
      // The title in 小标宋 二号 (22 pt = 44 half-points), the body in 仿宋_GB2312 三号 (16 pt), headings 黑体.
      expect(documentXml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?<w:t[^>]*>关于2026年10月份全市重点项目/);
      expect(documentXml).toContain('w:eastAsia="仿宋_GB2312"');
      expect(documentXml).toContain('w:eastAsia="黑体"');
      expect(documentXml).toContain('w:eastAsia="楷体_GB2312"');
      expect(documentXml).toContain('<w:sz w:val="32"/>');
      // Page numbers "— 1 —" in 宋体 四号 (14 pt), odd pages right and even pages left.
      expect(footers).toMatch(/— <\/w:t>[^]*PAGE[^]*<w:t[^>]*> —/);
      expect(footers).toContain('<w:sz w:val="28"/>');
      expect(footers).toContain('<w:jc w:val="right"/>');
      expect(footers).toContain('<w:jc w:val="left"/>');
    });

    it('opens with the 版头: the office in red, the issue number, the red rule, then the title in two lines and the addressees', () => {
      expect(text.startsWith('德州市重点项目推进委员会办公室2026年第10期关于2026年10月份全市重点项目建设情况的通报各县（市、区）')).toBe(
        true,
      );
      expect(documentXml).toMatch(/<w:color w:val="FF0000"\/>[^]*?<w:t[^>]*>德州市重点项目推进委员会办公室<\/w:t>/);
      expect(documentXml).toMatch(/<w:bottom w:val="single" w:color="FF0000"[^>]*\/>[^]*?<w:t[^>]*>2026年第10期<\/w:t>/);
      // The title breaks after 重点项目, not where the line happens to be full.
      expect(documentXml).toMatch(/<w:t[^>]*>关于2026年10月份全市重点项目<\/w:t><\/w:r><w:r>[^]*?<w:br\/><w:t[^>]*>建设情况的通报<\/w:t>/);
    });

    it('prints the wide tables on landscape pages of their own, and their figures unbroken in columns wide enough', () => {
      const sections = [...documentXml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]!);
      expect(sections.some((attributes) => attributes.includes('w:orient="landscape"') && attributes.includes('w:w="16838"'))).toBe(true);
      expect(sections[sections.length - 1]).not.toContain('landscape');
      // Table text is on lines of its own size (五号 14 pt or 小五 12 pt exact), not the body's 29 pt.
      expect(documentXml).toMatch(/<w:tc>[^]*?<w:spacing w:line="(280|240)" w:lineRule="exact"\/>/);
      expect(documentXml).not.toMatch(/<w:tc>(?:(?!<\/w:tc>)[^])*?<w:spacing w:line="580"/);
    });

    it("opens with the overview's figures, and ends with the issuing office, the date and the 版记", () => {
      const o = bulletin.overview;
      const yi = (wan: unknown) => (Number(wan) / 10_000).toFixed(2);
      expect(text).toContain(
        `重点项目共${o['listedCount']}个，年度计划投资${yi(o['annualPlanWan'])}亿元，本年完成投资${yi(o['completedThisYearWan'])}亿元`,
      );
      expect(text).toContain(`完成率${Number(o['completionRate']).toFixed(2)}%`);
      for (const { title } of bulletin.sections) expect(text).toContain(title);
      expect(text).toMatch(
        /确保完成年度目标任务。德州市重点项目推进委员会办公室\d{4}年\d{1,2}月\d{1,2}日抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。德州市重点项目推进委员会办公室\t?\d{4}年\d{1,2}月\d{1,2}日印发$/,
      );
      expect(documentXml).toContain('<w:tab w:val="right"');
    });

    it('prints the 50 lagging projects furthest behind time progress, and says the full list is in the Excel file', () => {
      expect(text).toContain(
        `共${bulletin.laggingProjectCount}个，下表列出滞后时序进度最多的50个，全部${bulletin.laggingProjectCount}个滞后项目详见Excel附件`,
      );
      const behind = lagging.filter((p) => p.progressGap !== null).sort((a, b) => a.progressGap! - b.progressGap!);
      const worstGap = behind[49]!.progressGap!;
      // Every project strictly further behind than the 50th is printed; none strictly less behind is.
      for (const p of behind.filter((p) => p.progressGap! < worstGap)) expect(text).toContain(p.projectName);
      const printed = lagging.filter((p) => text.includes(p.projectName));
      expect(printed.length).toBeGreaterThanOrEqual(50);
      for (const p of printed) if (p.progressGap !== null) expect(p.progressGap).toBeLessThanOrEqual(worstGap);
    });
  });

  it('downloads a published version from its frozen content: a later correction changes the live file, not the published one', async () => {
    const published = await server.gql<{ publishBulletin: { id: string } }>(
      `mutation($code: String!, $period: Period!) { publishBulletin(tenantCode: $code, period: $period) { id } }`,
      { code: CITY, period: PERIOD },
    );
    expect(published.errors).toBeUndefined();
    const publicationId = published.data!.publishBulletin.id;
    const completedIn = async (variables: Record<string, unknown>) => {
      const response = await download((await link({ code: CITY, period: PERIOD, format: BulletinFileFormat.XLSX, ...variables })).url);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
      let value: unknown;
      workbook
        .getWorksheet('总体情况')!
        .eachRow((row) => row.getCell(1).value === '本年完成投资（已审核）' && (value = row.getCell(2).value));
      return { value, disposition: response.headers.get('content-disposition')! };
    };
    const before = await completedIn({ publicationId });
    expect(before.value).toBe(Number(bulletin.overview['completedThisYearWan']));
    // The demo city published October once already (version 1, src/demo/demo-publications.ts): this is the second.
    expect(decodeURIComponent(before.disposition)).toContain('通报（第2版）.xlsx');
    // A correction of an approved report of this year: 1,000 万元 more.
    await server.adminOrm.em.fork().execute(
      `update progress_report set completed_investment_wan = completed_investment_wan + 1000
          where id = (select id from progress_report where status = 'APPROVED' and period >= '2026-01-01' and period <= '2026-10-01' order by id limit 1)`,
    );
    expect((await completedIn({ publicationId })).value).toBe(before.value);
    expect((await completedIn({})).value).toBe(Number(bulletin.overview['completedThisYearWan']) + 1000);
  });

  describe('refusals', () => {
    it('refuses a link after it expires: 401 UNAUTHENTICATED, reason LINK_EXPIRED, in Chinese', async () => {
      const token = signDownload(await signingKey(), {
        viewer: {
          subject: CITY_LEADER.subject,
          name: CITY_LEADER.name,
          tenantCode: CITY,
          roles: new Set(CITY_LEADER.roles),
          isServiceAccount: false,
        },
        tenantCode: CITY,
        period: PERIOD,
        format: BulletinFileFormat.XLSX,
        publicationId: undefined,
        expiresAt: new Date(Date.now() - 1000),
      });
      const { status, body } = await refusal(await download(`/exports/bulletin/${token}`));
      expect(status).toBe(401);
      expect(body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'LINK_EXPIRED', message: expect.stringContaining('下载链接已过期') });
    });

    it('refuses a tampered link: 401 UNAUTHENTICATED, reason LINK_INVALID', async () => {
      const { url } = await link({ code: DECHENG, period: PERIOD, format: BulletinFileFormat.XLSX });
      const [payload, signature] = url.slice('/exports/bulletin/'.length).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const change of [{ t: NINGJIN }, { sub: COUNTY_LEADER.subject }, { p: '2026-09' }]) {
        const altered = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
        const { status, body } = await refusal(await download(`/exports/bulletin/${altered}.${signature}`));
        expect([status, body['code'], body['reason']]).toEqual([401, 'UNAUTHENTICATED', 'LINK_INVALID']);
      }
      // A character in the middle of the MAC: every bit there is the MAC's (the last one has spare bits).
      const at = url.length - 20;
      const flipped = `${url.slice(0, at)}${url[at] === 'A' ? 'B' : 'A'}${url.slice(at + 1)}`;
      expect((await refusal(await download(flipped))).body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'LINK_INVALID' });
    });

    it('refuses a link opened with another viewer’s token: 403 FORBIDDEN, reason LINK_OTHER_VIEWER; the own token passes', async () => {
      const { url } = await link({ code: DECHENG, period: PERIOD, format: BulletinFileFormat.XLSX });
      const other = await refusal(await download(url, { authorization: `Bearer ${server.token(COUNTY_LEADER)}` }));
      expect(other).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', reason: 'LINK_OTHER_VIEWER' } });
      expect((await download(url, { authorization: `Bearer ${server.token(CITY_LEADER)}` })).status).toBe(200);
    });

    it('makes no link for a tenant out of the viewer’s reach (NOT_FOUND), and the route refuses one signed anyway (404 NOT_FOUND)', async () => {
      const asked = await server.gql(LINK, { code: NINGJIN, period: PERIOD, format: BulletinFileFormat.DOCX }, COUNTY_LEADER);
      expect(asked.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      // A link the server would never make: the county leader's, for another county. The route
      // reads as the viewer, through their scope, and finds nothing there.
      const token = signDownload(await signingKey(), {
        viewer: {
          subject: COUNTY_LEADER.subject,
          name: COUNTY_LEADER.name,
          tenantCode: DECHENG,
          roles: new Set(COUNTY_LEADER.roles),
          isServiceAccount: false,
        },
        tenantCode: NINGJIN,
        period: PERIOD,
        format: BulletinFileFormat.XLSX,
        publicationId: undefined,
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await refusal(await download(`/exports/bulletin/${token}`))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    });

    it('answers garbage with a 4xx and a code, never a 500', async () => {
      const garbage = [
        '/exports/bulletin',
        '/exports/bulletin/',
        '/exports/bulletin/x',
        '/exports/bulletin/..%2F..%2Fetc%2Fpasswd',
        '/exports/bulletin/a.b.c',
        '/exports/bulletin/%E4%B8%AD.%00',
        '/exports/bulletin/a/b/c?token=1&token=2',
        `/exports/bulletin/${'x'.repeat(5_000)}.${'y'.repeat(43)}`,
        '/exports/bulletin?tenantCode=371400&period=2026-10&format=XLSX',
        '/exports/bulletin/%ZZ',
      ];
      for (const path of garbage) {
        const response = await download(path);
        const body = await response.text();
        expect([path, response.status, body]).toEqual([path, 401, expect.stringContaining('"reason":"LINK_INVALID"')]);
        expect(JSON.parse(body)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('下载链接无效') });
      }
      const posted = await fetch(`${origin}/exports/bulletin/x`, { method: 'POST', body: 'x' });
      expect(await refusal(posted)).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_ALLOWED' } });
    });
  });
});

describe('bulletin downloads under the rate limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'supervisor', { RATE_LIMIT_PER_MINUTE_SUPERVISOR: '3' });
  });
  afterAll(() => server.close());

  it("counts a download against the viewer's GraphQL budget: 429 RATE_LIMITED with Retry-After", async () => {
    const answer = await server.gql<{ bulletinDownload: { url: string } }>(LINK, {
      code: CITY,
      period: PERIOD,
      format: BulletinFileFormat.XLSX,
    });
    expect(answer.errors).toBeUndefined();
    const url = `${new URL(server.url).origin}${answer.data!.bulletinDownload.url}`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(200);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('请求过于频繁') });
  });
});
