import { chinaDate } from '../calendar/period';
import type { BulletinService } from '../modules/bulletin/bulletin.service';
import { BulletinSection, type MonthlyBulletin } from '../modules/bulletin/bulletin.types';
import { bulletinIssuer } from './bulletin-file';
import { chineseDate, laggingTable, lightText, sectionTables } from './bulletin-tables';
import { writeDocument, type DocumentSection } from './export-document';
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
    `到位资金${yi(o.fundsInPlaceWan)}亿元。总体${lightText(o.trafficLight)}。现将${b.period.chineseName}重点项目建设情况通报如下。`
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
  const issuedOn = bulletin.publication ? chinaDate(bulletin.publication.publishedAt) : chinaDate();
  return writeDocument({
    title: bulletin.title.zh,
    opening: [opening(bulletin)],
    sections,
    closing: ['请各地、各责任单位对照通报，对滞后项目倒排工期、挂图作战，对要素制约问题逐项销号，确保完成年度目标任务。'],
    issuer: bulletinIssuer(bulletin),
    dateText: chineseDate(issuedOn),
  });
}
