import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { cellText, type AnyExportTable, type ExportTable } from './export-table';

/**
 * An official document (公文) laid out per GB/T 9704-2012 《党政机关公文格式》: A4, the text block
 * 156 × 225 mm (margins: top 37, bottom 35, left 28, right 26 mm), 22 lines of 28 characters a page
 * (the docGrid, with lines at an exact 29 pt: how offices set "行距固定值 28–29 磅"), the title in
 * 小标宋 二号 centred, body in 仿宋_GB2312 三号, first-level headings 黑体 (一、), second-level 楷体
 * (（一）), page numbers 宋体 四号 as "— 1 —" outside (odd pages right, even pages left, one
 * character in), then the issuing office and the date.
 */

const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
const A4 = { width: twips(210), height: twips(297) };
const MARGIN = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Half-points, as Word counts font sizes. */
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 五号: 21, 小五: 18 } as const;
/** 22 lines in the 225 mm block: 29 pt apart (580 twips), the exact spacing of the body's lines. */
const LINE = 580;
/** One character of 三号 (16 pt): the first-line indent and the page number's distance from the edge. */
const ONE_CHARACTER = 320;

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
const SUBHEADING_FONT = '楷体_GB2312';
const TABLE_FONT = '宋体';
/** A table wider than this many columns is printed in 小五, not 五号, to fit the 156 mm block. */
const WIDE_TABLE_COLUMNS = 8;

/** Chinese text in a font: the East Asian font named for every script, so Word and WPS pick it for digits too. */
const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size, ...extra });

export interface DocumentPart {
  /** A second-level heading (（一）…) above the part; numbered in order. */
  readonly subheading?: string;
  readonly paragraphs?: readonly string[];
  readonly table?: AnyExportTable;
}

export interface DocumentSection {
  /** The first-level heading (一、…), numbered in order. */
  readonly heading: string;
  readonly parts: readonly DocumentPart[];
}

export interface OfficialDocument {
  readonly title: string;
  /** The opening paragraphs, before the first heading. */
  readonly opening: readonly string[];
  readonly sections: readonly DocumentSection[];
  /** The closing paragraphs, after the last section (what the recipients are asked to do). */
  readonly closing: readonly string[];
  /** The issuing office (发文机关署名) and the date (成文日期, 2026年12月3日), right-aligned at the end. */
  readonly issuer: string;
  readonly dateText: string;
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const numeral = (index: number) => CHINESE_NUMERALS[index] ?? String(index + 1);

/** The document as a .docx file. docx builds it in memory: keep what goes in bounded (the Word file takes the top of long lists). */
export async function writeDocument(document: OfficialDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE, after: LINE, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(document.title, TITLE_FONT, SIZE.二号)],
    }),
    ...document.opening.map(bodyParagraph),
  ];
  document.sections.forEach((section, index) => {
    body.push(onGrid(`${numeral(index)}、${section.heading}`, HEADING_FONT, { indent: { firstLine: 2 * ONE_CHARACTER } }));
    let subheading = 0;
    for (const part of section.parts) {
      if (part.subheading) {
        body.push(onGrid(`（${numeral(subheading++)}）${part.subheading}`, SUBHEADING_FONT, { indent: { firstLine: 2 * ONE_CHARACTER } }));
      }
      body.push(...(part.paragraphs ?? []).map(bodyParagraph));
      if (part.table) body.push(table(part.table as ExportTable<never>), ...tableNote(part.table));
    }
  });
  body.push(
    ...document.closing.map(bodyParagraph),
    new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] }),
    signature(document.issuer),
    signature(document.dateText),
  );
  const doc = new Document({
    creator: document.issuer,
    title: document.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: BODY_FONT, eastAsia: BODY_FONT, hAnsi: BODY_FONT }, size: SIZE.三号 } } } },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { ...MARGIN, header: twips(15), footer: twips(28) - 600 } },
          grid: { type: DocumentGridType.LINES, linePitch: LINE - 1 },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Text in 三号 on the page's grid of 22 lines (exact line spacing): headings, body, signature. */
function onGrid(text: string, font: string, layout: Pick<IParagraphOptions, 'alignment' | 'indent'>): Paragraph {
  return new Paragraph({ ...layout, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text, font, SIZE.三号)] });
}

/** Body text: justified, two characters in on the first line (首行缩进两字). */
const bodyParagraph = (text: string): Paragraph =>
  onGrid(text, BODY_FONT, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * ONE_CHARACTER } });

/** The issuing office and the date: right-aligned, four characters in from the right edge (右空四字). */
const signature = (text: string): Paragraph =>
  onGrid(text, BODY_FONT, { alignment: AlignmentType.RIGHT, indent: { right: 4 * ONE_CHARACTER } });

/** "— 1 —" in 宋体 四号, one character in from the outer edge. */
function pageNumber(alignment: (typeof AlignmentType)['LEFT' | 'RIGHT']): Footer {
  const indent = alignment === AlignmentType.RIGHT ? { right: ONE_CHARACTER } : { left: ONE_CHARACTER };
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent,
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: TABLE_FONT, eastAsia: TABLE_FONT }, size: SIZE.四号 }),
        ],
      }),
    ],
  });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };

function table(source: ExportTable<never>): Table {
  const size = source.columns.length > WIDE_TABLE_COLUMNS ? SIZE.小五 : SIZE.五号;
  const total = source.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = source.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const cell = (text: string, width: number, options: { bold?: boolean; right?: boolean }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: CELL_BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 40, right: 40 },
      children: [
        new Paragraph({
          alignment: options.right ? AlignmentType.RIGHT : options.bold ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, TABLE_FONT, size, { bold: options.bold })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: source.columns.map((c, i) => cell(c.header, widths[i]!, { bold: true })) }),
      ...source.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: source.columns.map((c, i) => {
              const value = c.cell(row);
              return cell(cellText(value), widths[i]!, { right: value.kind !== 'text' });
            }),
          }),
      ),
    ],
  });
}

function tableNote(source: AnyExportTable): Paragraph[] {
  return source.note ? [new Paragraph({ children: [run(source.note, TABLE_FONT, SIZE.五号)] })] : [];
}
