import { chinaDate } from '../calendar/period';
import type { BulletinService } from '../modules/bulletin/bulletin.service';
import { BulletinSection, type MonthlyBulletin } from '../modules/bulletin/bulletin.types';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import { bulletinIssuer } from './bulletin-file';
import { chineseDate, countyWord, laggingTable, sectionTables, tenantScope } from './bulletin-tables';
import { writeDocument, type DocumentSection } from './export-document';
import { ENUM_LABELS } from '../modules/enum-label/enum-labels';
import { anyTable, cellText, percent, points } from './export-table';

/**
 * The lagging projects the Word file lists: the furthest behind time progress. docx builds a
 * document in memory, and a circulated bulletin names the worst cases; the workbook has them all.
 */
export const DOCUMENT_LAGGING_PROJECTS = 50;

const yi = (wan: string) => (Number(wan) / 10_000).toFixed(2);

/** The opening paragraph: the overview in one sentence, as an office opens its bulletin. */
function opening(b: MonthlyBulletin): string {
  const o = b.overview;
  const gap =
    o.progressGap === null ? '' : `，${o.progressGap >= 0 ? '快于' : '慢于'}时序进度${cellText(points(Math.abs(o.progressGap)))}个百分点`;
  return (
    `截至${chineseDate(b.asOf)}，${b.tenantName}${b.period.year}年度重点项目共${o.listedCount}个，年度计划投资${yi(o.annualPlanWan)}亿元，` +
    `本年完成投资${yi(o.completedThisYearWan)}亿元，完成率${cellText(percent(o.completionRate))}${gap}；` +
    `新开工项目开工率${cellText(percent(o.newStartRate))}，年度项目开工率${cellText(percent(o.annualStartRate))}；` +
    `到位资金${yi(o.fundsInPlaceWan)}亿元，总体进度为${ENUM_LABELS.LightColor[o.trafficLight.color].zh}。现将${b.period.chineseName}重点项目建设情况通报如下：`
  );
}

/**
 * The bulletin as a Word document laid out as an official one (export-document.ts): the opening,
 * a heading per section with its tables, the lagging projects limited to the furthest behind with
 * a line pointing to the workbook, then the issuing office and the date (the publication's for a
 * published version, so the same version always prints the same date).
 */
export async function bulletinDocument(bulletin: MonthlyBulletin, service: BulletinService): Promise<Buffer> {
  const sections: DocumentSection[] = [];
  for (const { section, title } of bulletin.sections) {
    if (section === BulletinSection.LAGGING_PROJECTS) {
      const worst = await service.furthestBehind(bulletin, DOCUMENT_LAGGING_PROJECTS);
      const total = bulletin.laggingProjectCount;
      const shown = worst.length < total ? `，下表列出滞后时序进度最多的${worst.length}个，全部${total}个滞后项目详见Excel附件` : '';
      sections.push({
        heading: title.zh,
        parts: [
          {
            paragraphs: [`${bulletin.period.chineseName}信号灯为黄灯或红灯的项目共${total}个${shown}。`],
            table: worst.length > 0 ? anyTable({ ...laggingTable(title.zh), rows: worst }) : undefined,
          },
        ],
      });
      continue;
    }
    const tables = sectionTables(bulletin, section, title.zh);
    sections.push({
      heading: title.zh,
      parts: tables.map((table) => ({ subheading: tables.length > 1 ? table.title : undefined, table })),
    });
  }
  const issuedOn = chineseDate(bulletin.publication ? chinaDate(bulletin.publication.publishedAt) : chinaDate());
  const issuer = bulletinIssuer(bulletin);
  return writeDocument({
    head: { mark: issuer, number: `${bulletin.period.year}年第${bulletin.period.month}期` },
    title: documentTitle(bulletin),
    addressees: ADDRESSING[bulletin.tenantLevel](bulletin.tenantName).addressees,
    opening: [opening(bulletin)],
    sections,
    closing: ['请各地、各责任单位对照通报，对滞后项目倒排工期、挂图作战，对要素制约问题逐项销号，确保完成年度目标任务。'],
    issuer,
    dateText: issuedOn,
    record: { copiedTo: ADDRESSING[bulletin.tenantLevel](bulletin.tenantName).copiedTo, printedBy: issuer, printedOn: issuedOn },
  });
}

/**
 * 关于2026年11月份全市重点项目建设情况的通报, the title an office gives its monthly bulletin, in the
 * two lines it sets it (longer than the 20 characters of 二号 a line holds): broken after 重点项目.
 */
export function documentTitle(bulletin: MonthlyBulletin): [string, string] {
  return [`关于${bulletin.period.year}年${bulletin.period.month}月份${tenantScope(bulletin)}重点项目`, '建设情况的通报'];
}

/**
 * Who a tenant's bulletin goes to (主送) and who gets a copy (抄送): the units one level down and
 * the tenant's own departments; the four leading offices of its level (党委、人大、政府、政协) or, for
 * a town, its party committee and government.
 */
const ADDRESSING: Readonly<Record<TenantLevel, (name: string) => { addressees: string; copiedTo: string }>> = {
  [TenantLevel.CITY]: () => ({
    addressees: '各县（市、区）重点项目推进委员会办公室，市直有关部门：',
    copiedTo: '市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。',
  }),
  [TenantLevel.COUNTY]: (name) => {
    const level = countyWord(name);
    return {
      addressees: `各乡镇（街道）重点项目建设指挥部，${level}直有关部门：`,
      copiedTo: `${level}委办公室，${level}人大常委会办公室，${level}政府办公室，${level}政协办公室。`,
    };
  },
  [TenantLevel.TOWN]: (name) =>
    name.endsWith('街道')
      ? { addressees: '各社区（村）、街道各办（所、中心）：', copiedTo: '街道党工委，街道办事处。' }
      : {
          addressees: '各村（社区）、镇直有关单位：',
          copiedTo: `${name.endsWith('乡') ? '乡' : '镇'}党委，${name.endsWith('乡') ? '乡' : '镇'}人民政府。`,
        },
};
