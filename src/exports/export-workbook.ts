import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AnyExportTable, Cell, CellKind, ExportColumn } from './export-table';

/** Excel's number formats per kind: 万元 to the fen with separators, rates as percentages. */
const NUMBER_FORMATS: Readonly<Record<CellKind, string>> = {
  text: '@',
  count: '#,##0',
  wan: '#,##0.00',
  percent: '0.00%',
  points: '0.00',
};

const FONT = '宋体';
const TITLE_FONT = '黑体';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Above the header row: the sheet's title (row 1); the header is row 2; both repeat on every printed page. */
const TITLE_ROW = 1;
const HEADER_ROW = 2;

/**
 * A cell's value as Excel keeps it: numbers as numbers (a sum or a chart works on them), a rate as
 * a fraction so that Excel's percent format shows what the API says (77.53 → 0.7753 → 77.53%),
 * nothing where the API has no value (a rate without a plan) rather than a zero that would be read
 * as one.
 */
function excelValue({ kind, value }: Cell): string | number | null {
  if (value === null) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'percent':
      return Number(value) / 100;
    default:
      return Number(value);
  }
}

export interface WorkbookTitle {
  /** The document's title, printed above each sheet's table and in the file's properties. */
  readonly title: string;
  /** Who issues it (发文机关), for the file's properties. */
  readonly issuer: string;
}

/**
 * Writes a workbook with one sheet per table to `output` as it goes (exceljs's streaming writer):
 * a sheet's rows are committed as they are written, so a table of a city's 100,000 lagging projects
 * passes through one page at a time. Each sheet: the title above a bold header row, both frozen and
 * repeated on every printed page, A4 landscape fitted to one page wide, the page number in the
 * footer.
 */
export async function writeWorkbook(output: Writable, heading: WorkbookTitle, tables: readonly AnyExportTable[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = heading.issuer;
  workbook.title = heading.title;
  workbook.created = new Date();
  for (const table of tables) {
    const sheet = addSheet(workbook, heading.title, table);
    if ('pages' in table) {
      for await (const page of table.pages) {
        for (const row of page) addRow(sheet, table.columns, row);
        // The response decides the pace: a slow client holds one page, not the city.
        await drained(output);
      }
    } else {
      for (const row of table.rows) addRow(sheet, table.columns, row);
    }
    if (table.note) sheet.addRow([table.note]).commit();
    sheet.commit();
  }
  await workbook.commit();
}

/**
 * Resolves when `output` wants more; throws when it is gone (the client left): no more pages are
 * read for nobody, and the caller's transaction ends.
 */
async function drained(output: Writable): Promise<void> {
  if (output.destroyed || output.writableEnded) throw new Error('the download was abandoned by its client');
  if (!output.writableNeedDrain) return;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  output.once('close', onClose);
  try {
    await once(output, 'drain', { signal: gone.signal });
  } catch {
    throw new Error('the download was abandoned by its client');
  } finally {
    output.off('close', onClose);
  }
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, title: string, table: AnyExportTable) {
  const lastColumn = table.columns.length;
  const sheet = workbook.addWorksheet(table.sheetName, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = table.columns.map((c, index) => ({ key: String(index), width: c.width, style: { font: { name: FONT, size: 11 } } }));
  const titleRow = sheet.getRow(TITLE_ROW);
  titleRow.getCell(1).value = `${title} ${table.title}`;
  titleRow.getCell(1).font = { name: TITLE_FONT, size: 14, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 28;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastColumn);
  titleRow.commit();
  const header = sheet.getRow(HEADER_ROW);
  table.columns.forEach((c, index) => {
    const cell = header.getCell(index + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = BORDER;
  });
  header.height = 32;
  header.commit();
  return sheet;
}

/**
 * A body cell's style per kind of value, one object each, shared by every cell of that kind:
 * exceljs files a cell's style under the object's identity (a WeakMap) and serialises it to find
 * its entry otherwise, which was most of a 100,000-row sheet's time when each cell got its own
 * copy. Frozen: a cell never changes a style other cells share.
 */
const BODY_STYLES: Readonly<Record<CellKind, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(NUMBER_FORMATS).map(([kind, numFmt]) => [
    kind,
    Object.freeze({
      numFmt,
      border: BORDER,
      font: { name: FONT, size: 11 },
      alignment: kind === 'text' ? { vertical: 'middle', wrapText: true } : { horizontal: 'right', vertical: 'middle' },
    }),
  ]),
) as Record<CellKind, Partial<ExcelJS.Style>>;

function addRow<Row>(sheet: ExcelJS.Worksheet, columns: readonly ExportColumn<Row>[], row: Row): void {
  const added = sheet.addRow(columns.map(() => null));
  columns.forEach((c, index) => {
    const value = c.cell(row);
    const cell = added.getCell(index + 1);
    cell.value = excelValue(value);
    cell.style = BODY_STYLES[value.kind];
  });
  added.commit();
}
