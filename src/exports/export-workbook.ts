import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, headerLines, printedWidth, type AnyExportTable, type Cell, type CellKind, type ExportColumn } from './export-table';

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
 * What an A4 page holds across at 100% in Excel's unit (a digit of 11 pt 宋体, about 1.9 mm) inside
 * margins of 0.5 inch: about 95 portrait, 140 landscape. A sheet wider than the portrait page is set
 * landscape; either way it is fitted to one page wide, so a wider one prints a little smaller.
 */
const PORTRAIT_WIDTH = 95;
/** Points per line of 11 pt text, and around a wrapped cell's lines. */
const LINE_HEIGHT = 14.5;
const ROW_PADDING = 4;

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
        for (const row of page) addRow(sheet, table, row);
        // The response decides the pace: a slow client holds one page, not the city.
        await drained(output);
      }
    } else {
      for (const row of table.rows) addRow(sheet, table, row);
    }
    if (table.note) addNote(sheet, table);
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

/**
 * The lines a text takes in a column of `width` when wrapped: exceljs writes no row heights of its
 * own, and Excel, WPS and LibreOffice keep a row one line high when the file does not say otherwise,
 * so a wrapped reason or name would be cut off on screen and in print.
 */
export function wrappedLines(value: string, width: number): number {
  // A character's worth of the column is the cell's padding; a line breaks before the character that does not fit.
  const room = Math.max(width - 1.5, 2);
  return value.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(printedWidth(line) / room)), 0);
}

const rowHeight = (lines: number) => lines * LINE_HEIGHT + ROW_PADDING;

/** Landscape when the table is wider than a portrait page (see PORTRAIT_WIDTH). */
export const orientationOf = (table: AnyExportTable): 'portrait' | 'landscape' =>
  table.columns.reduce((sum, c) => sum + c.width, 0) > PORTRAIT_WIDTH ? 'landscape' : 'portrait';

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, title: string, table: AnyExportTable) {
  const lastColumn = table.columns.length;
  const sheet = workbook.addWorksheet(table.sheetName, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: orientationOf(table),
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = table.columns.map((c, index) => ({ key: String(index), width: c.width, style: { font: { name: FONT, size: 11 } } }));
  const titleRow = sheet.getRow(TITLE_ROW);
  const titleText = `${title} ${table.title}`;
  titleRow.getCell(1).value = titleText;
  titleRow.getCell(1).font = { name: TITLE_FONT, size: 14, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // 14 pt is about 1.3 times the unit's text: a title wider than a narrow table wraps onto a second line.
  const tableWidth = table.columns.reduce((sum, c) => sum + c.width, 0);
  titleRow.height = 10 + 18 * wrappedLines(titleText, tableWidth / 1.3);
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastColumn);
  titleRow.commit();
  const header = sheet.getRow(HEADER_ROW);
  let headerLineCount = 1;
  table.columns.forEach((c, index) => {
    const cell = header.getCell(index + 1);
    // The unit on a line of its own (年度计划投资 / （万元））, as an office sets a header.
    const lines = headerLines(c.header);
    cell.value = lines.join('\n');
    headerLineCount = Math.max(
      headerLineCount,
      lines.reduce((n, line) => n + wrappedLines(line, c.width), 0),
    );
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = BORDER;
  });
  header.height = rowHeight(headerLineCount);
  header.commit();
  centredOnThePage(sheet);
  return sheet;
}

/**
 * Centres the table across the printed page (页面设置 → 水平居中), as an office prints a narrow
 * table. exceljs's streaming writer drops `pageSetup.horizontalCentered` (it writes no
 * <printOptions>, exceljs 4.4): the element is written where the schema puts it, just before
 * <pageMargins>. tests/e2e/bulletin-download.test.ts reads it back, so an exceljs that changes this
 * writer fails there.
 */
function centredOnThePage(sheet: ExcelJS.Worksheet): void {
  const writer = sheet as unknown as { _writePageMargins(): void; stream: { write(xml: string): void } };
  const writeMargins = writer._writePageMargins.bind(writer);
  writer._writePageMargins = () => {
    writer.stream.write('<printOptions horizontalCentered="1"/>');
    writeMargins();
  };
}

/**
 * A body cell's style per kind of value, one object each, shared by every cell of that kind:
 * exceljs files a cell's style under the object's identity (a WeakMap) and serialises it to find
 * its entry otherwise, which was most of a 100,000-row sheet's time when each cell got its own
 * copy. Frozen: a cell never changes a style other cells share.
 */
const bodyStyles = (bold: boolean): Readonly<Record<CellKind, Partial<ExcelJS.Style>>> =>
  Object.fromEntries(
    Object.entries(NUMBER_FORMATS).map(([kind, numFmt]) => [
      kind,
      Object.freeze({
        numFmt,
        border: BORDER,
        font: { name: FONT, size: 11, bold },
        alignment: kind === 'text' ? { vertical: 'middle', wrapText: true } : { horizontal: 'right', vertical: 'middle' },
      }),
    ]),
  ) as Record<CellKind, Partial<ExcelJS.Style>>;
/** The body's styles, and a total row's (合计, 全市) in bold. */
const BODY_STYLES = { plain: bodyStyles(false), bold: bodyStyles(true) } as const;

function addRow(sheet: ExcelJS.Worksheet, table: AnyExportTable, row: never): void {
  const columns: readonly ExportColumn<never>[] = table.columns;
  const bold = table.isTotal?.(row) ?? false;
  const added = sheet.addRow(columns.map(() => null));
  let lines = 1;
  columns.forEach((c, index) => {
    const value = c.cell(row);
    if (value.kind === 'text') lines = Math.max(lines, wrappedLines(cellText(value), c.width));
    const cell = added.getCell(index + 1);
    cell.value = excelValue(value);
    cell.style = BODY_STYLES[bold ? 'bold' : 'plain'][value.kind];
  });
  if (lines > 1) added.height = rowHeight(lines);
  added.commit();
}

/** The line under a table, across its width and wrapped, so a long note prints whole on the page. */
function addNote(sheet: ExcelJS.Worksheet, table: AnyExportTable): void {
  const note = sheet.addRow([table.note]);
  note.getCell(1).alignment = { vertical: 'top', wrapText: true };
  note.height = rowHeight(
    wrappedLines(
      table.note!,
      table.columns.reduce((sum, c) => sum + c.width, 0),
    ),
  );
  sheet.mergeCells(note.number, 1, note.number, table.columns.length);
  note.commit();
}
