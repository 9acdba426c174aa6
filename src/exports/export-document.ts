import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { cellText, headerLines, printedWidth, type AnyExportTable, type ExportTable } from './export-table';

/**
 * An official document (公文) laid out per GB/T 9704-2012 《党政机关公文格式》: A4, the text block
 * 156 × 225 mm (margins: top 37, bottom 35, left 28, right 26 mm), 22 lines of 28 characters a page
 * (every line of text at an exact 29 pt: how offices set "行距固定值 28–29 磅"; no document grid, which
 * LibreOffice applies to the tables' lines too, making every table row 29 pt a line). The 版头: the
 * issuing office's mark (发文机关标志) in red 小标宋, the number line (期号 / 文号) and the red rule
 * (红色分隔线) as wide as the block; the title in 小标宋 二号 centred, the addressees (主送机关), body
 * in 仿宋_GB2312 三号, first-level headings 黑体 (一、), second-level 楷体 (（一）); the issuing office
 * and the date; the 版记 (抄送, 印发) between its rules; page numbers 宋体 四号 as "— 1 —" outside
 * (odd pages right, even pages left, one character in). A table too wide for the block is printed on
 * landscape pages of its own (横排表格), the page numbers running on.
 */

const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
const A4 = { width: twips(210), height: twips(297) };
const MARGIN = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** A landscape page turns the block: 225 mm across (the portrait page's top and bottom margins at its sides). */
const LANDSCAPE_MARGIN = { top: twips(28), bottom: twips(26), left: twips(37), right: twips(35) };
const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
/** Half-points, as Word counts font sizes. */
const SIZE = { 一号: 52, 二号: 44, 三号: 32, 四号: 28, 五号: 21, 小五: 18 } as const;
/** 22 lines in the 225 mm block: 29 pt apart (580 twips), the exact spacing of the body's lines. */
const LINE = 580;
/** One character of 三号 (16 pt): the first-line indent and the page number's distance from the edge. */
const ONE_CHARACTER = 320;

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
const SUBHEADING_FONT = '楷体_GB2312';
const TABLE_FONT = '宋体';
/** GB/T 9704's red: the mark and the rule under the number line. */
const RED = 'FF0000';
/**
 * A table's columns are as wide as Excel's (ExportColumn.width, in digits). A digit of 五号 (10.5 pt)
 * is about 2 mm and of 小五 (9 pt) 1.75 mm in the fonts a machine without 宋体 falls back to (宋体's
 * own are a little narrower), so a table fits a block in a size when its widths add up to at most
 * the block over that; a wider one is shared out (see columnWidths).
 */
const DIGIT_MM = { 五号: 2.05, 小五: 1.75 } as const;
const fits = (units: number, widthTwips: number, size: keyof typeof DIGIT_MM) => units * DIGIT_MM[size] * MM <= widthTwips;
/** Table text on lines of its own (exactly 1.3 times its size), not the body's 29 pt, so a row is as tall as its text. */
const TABLE_LINE = { 五号: 280, 小五: 240 } as const;

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
  /** 版头: the issuing office's mark (发文机关标志, in red) and the number line under it (2026年第11期, or a 文号). */
  readonly head: { readonly mark: string; readonly number: string };
  /** The title's lines: GB/T 9704 breaks a long title where the words allow, not where the line is full. */
  readonly title: readonly string[];
  /** 主送机关: who the document is addressed to (各县（市、区）…：). */
  readonly addressees: string;
  /** The opening paragraphs, before the first heading. */
  readonly opening: readonly string[];
  readonly sections: readonly DocumentSection[];
  /** The closing paragraphs, after the last section (what the recipients are asked to do). */
  readonly closing: readonly string[];
  /** The issuing office (发文机关署名) and the date (成文日期, 2026年12月3日), right-aligned at the end. */
  readonly issuer: string;
  readonly dateText: string;
  /** 版记: who receives a copy (抄送) and who printed it when (印发机关, 印发日期). */
  readonly record: { readonly copiedTo: string; readonly printedBy: string; readonly printedOn: string };
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const numeral = (index: number) => CHINESE_NUMERALS[index] ?? String(index + 1);

/** A run of pages in one orientation: the portrait text, or a landscape stretch of wide tables. */
interface PageRun {
  readonly landscape: boolean;
  readonly children: (Paragraph | Table)[];
}

/** The document as a .docx file. docx builds it in memory: keep what goes in bounded (the Word file takes the top of long lists). */
export async function writeDocument(document: OfficialDocument): Promise<Buffer> {
  const runs: PageRun[] = [{ landscape: false, children: [...documentHead(document), ...document.opening.map(bodyParagraph)] }];
  const into = (landscape: boolean) => {
    const last = runs[runs.length - 1]!;
    if (last.landscape === landscape) return last.children;
    runs.push({ landscape, children: [] });
    return runs[runs.length - 1]!.children;
  };
  document.sections.forEach((section, index) => {
    // A section begins on the pages of its first table, so its heading is not left behind on a portrait page.
    const first = section.parts[0]?.table;
    into(first ? isWide(first) : false).push(
      onGrid(`${numeral(index)}、${section.heading}`, HEADING_FONT, { indent: { firstLine: 2 * ONE_CHARACTER }, keepNext: true }),
    );
    let subheading = 0;
    for (const part of section.parts) {
      const children = into(part.table ? isWide(part.table) : false);
      if (part.subheading) {
        children.push(
          onGrid(`（${numeral(subheading++)}）${part.subheading}`, SUBHEADING_FONT, { indent: { firstLine: 2 * ONE_CHARACTER } }),
        );
      }
      children.push(...(part.paragraphs ?? []).map(bodyParagraph));
      if (part.table) children.push(table(part.table as ExportTable<never>), ...tableNote(part.table));
    }
  });
  into(false).push(
    ...document.closing.map(bodyParagraph),
    emptyLine(),
    ...signature(document.issuer, document.dateText),
    emptyLine(),
    ...record(document.record),
  );
  const doc = new Document({
    creator: document.issuer,
    title: document.title.join(''),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: BODY_FONT, eastAsia: BODY_FONT, hAnsi: BODY_FONT }, size: SIZE.三号 } } } },
    sections: runs.map((pages) => ({
      properties: {
        page: pages.landscape
          ? {
              size: { ...A4, orientation: PageOrientation.LANDSCAPE },
              margin: { ...LANDSCAPE_MARGIN, header: twips(15), footer: twips(12) },
            }
          : { size: A4, margin: { ...MARGIN, header: twips(15), footer: twips(28) - 600 } },
      },
      footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
      children: pages.children,
    })),
  });
  return Packer.toBuffer(doc);
}

/** Wider than the portrait block holds in 小五: printed across a landscape page. */
const isWide = (source: AnyExportTable) => !fits(unitsOf(source), TEXT_WIDTH, '小五');
const unitsOf = (source: AnyExportTable) => source.columns.reduce((sum, c) => sum + c.width, 0);

/**
 * 版头: the mark in red 小标宋 (at most 一号, smaller when a long office name would not fit the
 * block), the number line, then the red rule as wide as the block; the title under it, then the
 * addressees flush left.
 */
function documentHead(document: OfficialDocument): Paragraph[] {
  const markSize = Math.min(SIZE.一号, Math.floor((TEXT_WIDTH / 20 / printedWidth(document.head.mark)) * 2 * 2 * 0.95));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE, after: LINE / 2, line: Math.round(markSize * 10 * 1.2), lineRule: LineRuleType.EXACT },
      children: [run(document.head.mark, TITLE_FONT, markSize, { color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 } },
      children: [run(document.head.number, BODY_FONT, SIZE.三号)],
    }),
    emptyLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // Lines of 二号 35 pt apart, broken where the document says.
      spacing: { after: LINE, line: 700, lineRule: LineRuleType.EXACT },
      children: document.title.map((line, index) => run(line, TITLE_FONT, SIZE.二号, { break: index > 0 ? 1 : undefined })),
    }),
    onGrid(document.addressees, BODY_FONT, { alignment: AlignmentType.LEFT }),
  ];
}

const emptyLine = () => new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] });

/** Text in 三号 on the page's 22 lines (exact line spacing): headings, body, signature. */
/** A heading keeps with what follows it (keepNext): never alone at the foot of a page, its table on the next. */
function onGrid(text: string, font: string, layout: Pick<IParagraphOptions, 'alignment' | 'indent' | 'keepNext'>): Paragraph {
  return new Paragraph({ ...layout, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text, font, SIZE.三号)] });
}

/** Body text: justified, two characters in on the first line (首行缩进两字). */
const bodyParagraph = (text: string): Paragraph =>
  onGrid(text, BODY_FONT, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * ONE_CHARACTER } });

/**
 * The issuing office two characters in from the right (右空二字), the date on the next line starting
 * two characters right of the office's first (GB/T 9704 7.3.5.2, 不加盖印章); a date longer than
 * that leaves room for is right-aligned four characters in (右空四字).
 */
function signature(issuer: string, dateText: string): Paragraph[] {
  const issuerChars = printedWidth(issuer) / 2;
  const dateChars = printedWidth(dateText) / 2;
  const dateIndent = Math.max(issuerChars - dateChars, 4);
  return [
    onGrid(issuer, BODY_FONT, { alignment: AlignmentType.RIGHT, indent: { right: 2 * ONE_CHARACTER } }),
    onGrid(dateText, BODY_FONT, { alignment: AlignmentType.RIGHT, indent: { right: Math.round(dateIndent * ONE_CHARACTER) } }),
  ];
}

/**
 * 版记 in 仿宋 四号, one character in from both edges: 抄送 above, 印发机关 and 印发日期 on one line
 * (the date flush right), a thick rule above and below and a thin one between (GB/T 9704 7.4).
 */
function record(content: OfficialDocument['record']): Paragraph[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 4 };
  const indent = { left: ONE_CHARACTER, right: ONE_CHARACTER };
  return [
    new Paragraph({
      indent,
      border: { top: thick, bottom: thin },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(`抄送：${content.copiedTo}`, BODY_FONT, SIZE.四号)],
    }),
    new Paragraph({
      indent,
      border: { bottom: thick },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * ONE_CHARACTER }],
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(`${content.printedBy}\t${content.printedOn}印发`, BODY_FONT, SIZE.四号)],
    }),
  ];
}

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

/**
 * A table as wide as its block (portrait, or landscape when too wide: see isWide), in 五号 when its
 * columns fit at that size and 小五 otherwise; the header row repeats on every page and no row is
 * split across two.
 */
function table(source: ExportTable<never>): Table {
  const blockWidth = isWide(source) ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  const units = unitsOf(source);
  const sizeName = fits(units, blockWidth, '五号') ? '五号' : '小五';
  const size = SIZE[sizeName];
  const widths = columnWidths(source, blockWidth, sizeName);
  const cell = (lines: readonly string[], width: number, options: { bold?: boolean; right?: boolean; body?: boolean }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: CELL_BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          // Headers centred; in the body numbers right, text left.
          alignment: options.right ? AlignmentType.RIGHT : options.body ? AlignmentType.LEFT : AlignmentType.CENTER,
          spacing: { line: TABLE_LINE[sizeName], lineRule: LineRuleType.EXACT },
          children: lines.map((line, index) => run(line, TABLE_FONT, size, { bold: options.bold, break: index > 0 ? 1 : undefined })),
        }),
      ],
    });
  return new Table({
    width: { size: blockWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: source.columns.map((c, i) => cell(headerLines(c.header), widths[i]!, { bold: true })) }),
      ...source.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: source.columns.map((c, i) => {
              const value = c.cell(row);
              return cell([cellText(value)], widths[i]!, {
                right: value.kind !== 'text',
                bold: source.isTotal?.(row) ?? false,
                body: true,
              });
            }),
          }),
      ),
    ],
  });
}

/**
 * The columns' widths in twips across `blockWidth`. A figure never wraps (77.53% broken after 77.53
 * reads as two figures): a column of figures is as wide as its longest (and its header's longest
 * word), and the columns of text share what is left in the proportions of their widths; when there
 * is room to spare, every column grows in proportion.
 */
function columnWidths(source: ExportTable<never>, blockWidth: number, size: keyof typeof DIGIT_MM): number[] {
  const unit = DIGIT_MM[size] * MM;
  // Half a digit either side: the cell's margins (40 twips) and a little air.
  const padding = 80 + unit;
  const needs = source.columns.map((c) => {
    // A column's text cells wrap (a light's reasons among the overview's figures): only its figures set its width.
    const values = source.rows.map((row) => c.cell(row)).filter((v) => v.kind !== 'text');
    if (values.length === 0) return undefined;
    // At least two characters, and half the header's longest line: 逾期节点 over two lines, never one character a line.
    const header = Math.max(...headerLines(c.header).map(printedWidth));
    const longest = Math.max(...values.map((v) => printedWidth(cellText(v))), 4, Math.ceil(header / 2));
    return Math.max(longest * unit * (source.isTotal ? 1.1 : 1) + padding, c.width * unit * 0.5);
  });
  const fixed = needs.reduce<number>((sum, need) => sum + (need ?? 0), 0);
  const flexibleUnits = source.columns.reduce((sum, c, i) => sum + (needs[i] === undefined ? c.width : 0), 0);
  if (fixed > blockWidth || flexibleUnits === 0) {
    // Figures only, or more than the block holds: in proportion to what each needs.
    const total = source.columns.reduce((sum, c, i) => sum + (needs[i] ?? c.width * unit), 0);
    return source.columns.map((c, i) => Math.floor(((needs[i] ?? c.width * unit) / total) * blockWidth));
  }
  const natural = fixed + flexibleUnits * unit;
  if (natural <= blockWidth) {
    return source.columns.map((c, i) => Math.floor(((needs[i] ?? c.width * unit) / natural) * blockWidth));
  }
  const perUnit = (blockWidth - fixed) / flexibleUnits;
  return source.columns.map((c, i) => Math.floor(needs[i] ?? c.width * perUnit));
}

function tableNote(source: AnyExportTable): Paragraph[] {
  return source.note
    ? [
        new Paragraph({
          spacing: { before: 60, line: TABLE_LINE.五号, lineRule: LineRuleType.EXACT },
          children: [run(source.note, TABLE_FONT, SIZE.五号)],
        }),
      ]
    : [];
}
