import type { Writable } from 'node:stream';
import type { BulletinService } from '../modules/bulletin/bulletin.service';
import { BulletinSection, type MonthlyBulletin } from '../modules/bulletin/bulletin.types';
import { bulletinIssuer } from './bulletin-file';
import { laggingTable, sectionTables } from './bulletin-tables';
import { anyTable, type AnyExportTable } from './export-table';
import { writeWorkbook } from './export-workbook';

/**
 * The bulletin as an Excel workbook, written to `output` as it is made: a sheet per section in the
 * document's order, the lagging projects (every one of them: the full list the Word file refers
 * to) read page by page from the bulletin service while the sheet is written.
 */
export async function writeBulletinWorkbook(output: Writable, bulletin: MonthlyBulletin, service: BulletinService): Promise<void> {
  const tables: AnyExportTable[] = bulletin.sections.flatMap(({ section, title }) =>
    section === BulletinSection.LAGGING_PROJECTS
      ? [anyTable({ ...laggingTable(title.zh), pages: service.laggingPages(bulletin) })]
      : sectionTables(bulletin, section, title.zh),
  );
  await writeWorkbook(output, { title: bulletin.title.zh, issuer: bulletinIssuer(bulletin) }, tables);
}
