/**
 * A section of a file as a table: the columns an office prints and how each value is written. The
 * Excel and the Word writer both render these, so the two files of a bulletin cannot disagree on a
 * figure or a heading.
 */

/**
 * How a value is written:
 * - `text`: as is;
 * - `count`: an integer;
 * - `wan`: money in 万元, an exact decimal string from the API (`Wan`), 2 decimals and thousands separators;
 * - `percent`: a rate in percent as the API gives it (77.53 means 77.53%);
 * - `points`: percentage points (a progress gap: negative is behind time).
 */
export type CellKind = 'text' | 'count' | 'wan' | 'percent' | 'points';

/** A value as the API gives it: money as a decimal string, rates as numbers, null where there is none (no plan, nothing owed). */
export type CellValue = string | number | null;

export interface Cell {
  readonly kind: CellKind;
  readonly value: CellValue;
}

export interface ExportColumn<Row> {
  readonly header: string;
  /** Width in characters (Excel's unit); Word shares the page in the same proportions. */
  readonly width: number;
  readonly cell: (row: Row) => Cell;
}

export interface ExportTable<Row> {
  /** Heading of the section in the document (一、总体情况). */
  readonly title: string;
  /** The worksheet's name: at most 31 characters, none of Excel's forbidden ones. */
  readonly sheetName: string;
  readonly columns: readonly ExportColumn<Row>[];
  readonly rows: readonly Row[];
  /** A line under the table (where the figures come from, what a rate is of). */
  readonly note?: string;
  /** The whole's row (合计, 全市): printed bold, as an office sets it apart from the rows it sums or ranks. */
  readonly isTotal?: (row: Row) => boolean;
}

/** A table whose rows come page by page (the lagging projects of a whole city): never all at once. */
export interface StreamedExportTable<Row> extends Omit<ExportTable<Row>, 'rows'> {
  readonly pages: AsyncIterable<readonly Row[]>;
}

/**
 * A table of whatever rows, for the writers: they only hand each row back to its own table's
 * columns, so the row type needs no name there. `anyTable` is the one place it is let go.
 */
export type AnyExportTable = ExportTable<never> | StreamedExportTable<never>;
export const anyTable = <Row>(table: ExportTable<Row> | StreamedExportTable<Row>): AnyExportTable => table as unknown as AnyExportTable;

export const text = (value: string | null | undefined): Cell => ({ kind: 'text', value: value ?? '' });
export const count = (value: number): Cell => ({ kind: 'count', value });
export const wan = (value: string): Cell => ({ kind: 'wan', value });
export const percent = (value: number | null): Cell => ({ kind: 'percent', value });
export const points = (value: number | null): Cell => ({ kind: 'points', value });

/** A column from its header, width and cell. */
export const column = <Row>(header: string, width: number, cell: (row: Row) => Cell): ExportColumn<Row> => ({ header, width, cell });

const WAN_TEXT = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });
const COUNT_TEXT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0, useGrouping: true });
const RATE_TEXT = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

/** Where a figure has no value (a rate without a plan): a dash, as printed tables write it. */
export const NO_VALUE = '—';

/**
 * A cell as printed text (Word). Money is formatted from its exact decimal string: Intl rounds a
 * number, and an amount below 10^15 with 4 decimals is exact enough in a double for 2 decimals.
 */
export function cellText({ kind, value }: Cell): string {
  if (value === null || value === '') return kind === 'text' ? '' : NO_VALUE;
  switch (kind) {
    case 'text':
      return String(value);
    case 'count':
      return COUNT_TEXT.format(Number(value));
    case 'wan':
      return WAN_TEXT.format(Number(value));
    case 'percent':
      return `${RATE_TEXT.format(Number(value))}%`;
    case 'points':
      return RATE_TEXT.format(Number(value));
  }
}

/**
 * How wide a text prints, in Excel's unit (the width of a digit): a Chinese character or a
 * full-width sign takes two, a digit or a Latin letter one. Both writers size by it: columns, row
 * heights, a table's page orientation.
 */
export function printedWidth(value: string): number {
  let width = 0;
  for (const character of value)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2018-\u201d\u3000-\u303f]/u.test(
        character,
      )
        ? 2
        : 1;
  return width;
}

/**
 * A header as printed in two lines, the unit on the second: 年度计划投资 / （万元）, rather than
 * wherever the column's edge cuts it (年度计划投资（万 / 元）).
 */
export function headerLines(header: string): string[] {
  const unit = /^(.+?)(（[^（）]+）)$/.exec(header);
  return unit ? [unit[1]!, unit[2]!] : [header];
}
