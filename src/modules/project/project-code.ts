import { isLocalDate, Period } from '../../calendar/period';
import { joinMessages, type Message } from '../../language/message';

/**
 * The national investment project code (项目代码, GB/T 40058-2021), issued by the national online
 * approval platform (全国投资项目在线审批监管平台). It identifies a project for its whole life, so
 * it is checked before it is stored: 24 characters in five hyphen-separated parts,
 *
 *   time - region - department - type - serial
 *   2411 - 371400 - 89         - 01   - 637015
 *
 * - time: YYMM of issue; codes issued before the standard carry a four-digit year (YYYY) instead.
 *   Both are four digits, and `2011` reads either way (November 2020 or the year 2011): a time
 *   code is valid when either reading is.
 * - region: a GB/T 2260 division code, or `000000` for central-government projects.
 * - department: the central department code, 00-99.
 * - type: the project type code, 01-99.
 * - serial: five random/serial digits and a check digit. The check digit is NOT verified: the
 *   platform's algorithm is not published to us, so a mistyped serial passes here and is caught
 *   only when someone confirms the code on the approval platform.
 */
export const PROJECT_CODE_EXAMPLE = '2411-371400-89-01-637015';

/** The shape of a code, as both languages quote it. */
const SHAPE: Message = {
  zh: `YYMM-RRRRRR-DD-TT-NNNNNN，例如 ${PROJECT_CODE_EXAMPLE}`,
  en: `YYMM-RRRRRR-DD-TT-NNNNNN, e.g. ${PROJECT_CODE_EXAMPLE}`,
};

/** First two digits of the GB/T 2260 province-level divisions (incl. Taiwan, Hong Kong, Macao). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const CENTRAL_GOVERNMENT_REGION = '000000';

/**
 * Why `code` is not a valid project code, in words a clerk can act on; undefined when it is valid.
 * Expects a normalized code (see `normalizeProjectCode`). With `today` (YYYY-MM-DD, China time),
 * a time code after today's month is rejected: no code is issued in the future.
 */
export function projectCodeProblem(code: string, today?: string): Message | undefined {
  // A malformed `today` is the caller's bug, not the user's input.
  if (today !== undefined && !isLocalDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date (got "${today}")`);
  if (code === '') return { zh: `项目代码为空；格式应为 ${SHAPE.zh}`, en: `The project code is empty; expected ${SHAPE.en}` };
  const parts = code.split('-');
  if (parts.length !== 5) {
    if (/^\d{20}$/.test(code))
      return { zh: `项目代码须用四个连字符分隔：${SHAPE.zh}`, en: `The project code must be written with its four hyphens: ${SHAPE.en}` };
    return {
      zh: `项目代码由连字符分隔的五段组成（实际为 ${parts.length} 段）：${SHAPE.zh}`,
      en: `A project code has five parts separated by hyphens (found ${parts.length}): ${SHAPE.en}`,
    };
  }
  const [time, region, department, type, serial] = parts as [string, string, string, string, string];
  const problems = [
    timeProblem(time, today),
    regionProblem(region),
    /^\d{2}$/.test(department)
      ? undefined
      : {
          zh: `部门代码（第 3 段）须为两位数字 00-99，实际为 "${department}"`,
          en: `the department code (part 3) must be two digits, 00-99 (got "${department}")`,
        },
    typeProblem(type),
    /^\d{6}$/.test(serial)
      ? undefined
      : { zh: `序列号（第 5 段）须为六位数字，实际为 "${serial}"`, en: `the serial number (part 5) must be six digits (got "${serial}")` },
  ].filter((problem): problem is Message => problem !== undefined);
  if (problems.length === 0) return undefined;
  const { zh, en } = joinMessages(problems);
  return { zh: `${zh}。格式应为 ${SHAPE.zh}`, en: `${en.charAt(0).toUpperCase()}${en.slice(1)}. Expected ${SHAPE.en}` };
}

function timeProblem(time: string, today: string | undefined): Message | undefined {
  const shape = {
    zh: 'YYMM（月份 01-12，例如 2411），旧代码为 2000 年以后的年份（例如 2017）',
    en: 'YYMM with a month from 01 to 12 (e.g. 2411) or, in older codes, a year from 2000 (e.g. 2017)',
  };
  if (!/^\d{4}$/.test(time)) {
    return {
      zh: `时间码（第 1 段）须为四位数字：${shape.zh}，实际为 "${time}"`,
      en: `the time code (part 1) must be four digits, ${shape.en} (got "${time}")`,
    };
  }
  const month = Number(time.slice(2));
  const asMonth = month >= 1 && month <= 12 ? Period.of(2000 + Number(time.slice(0, 2)), month) : undefined;
  const asYear = time.startsWith('20') ? Number(time) : undefined;
  if (asMonth === undefined && asYear === undefined) {
    return { zh: `时间码（第 1 段）${time} 不符合格式：应为 ${shape.zh}`, en: `the time code (part 1) ${time} is not ${shape.en}` };
  }
  if (today === undefined) return undefined;

  const current = Period.ofDate(today);
  if (asMonth !== undefined && asMonth.compare(current) <= 0) return undefined;
  if (asYear !== undefined && asYear <= current.year) return undefined;
  return asMonth !== undefined
    ? {
        zh: `时间码（第 1 段）${time} 表示 ${asMonth.toString()}，晚于本月 ${current.toString()}：项目代码不能在未来赋码`,
        en: `the time code (part 1) ${time} means ${asMonth.toString()}, after the current month ${current.toString()}: a code cannot be issued in the future`,
      }
    : {
        zh: `时间码（第 1 段）${time} 表示 ${time} 年，晚于今年 ${current.year} 年：项目代码不能在未来赋码`,
        en: `the time code (part 1) ${time} is the year ${time}, after the current year ${current.year}: a code cannot be issued in the future`,
      };
}

function regionProblem(region: string): Message | undefined {
  if (!/^\d{6}$/.test(region)) {
    return {
      zh: `区划代码（第 2 段）须为六位数字：GB/T 2260 行政区划代码（如 371400），中央项目为 ${CENTRAL_GOVERNMENT_REGION}，实际为 "${region}"`,
      en: `the region code (part 2) must be six digits, a GB/T 2260 division code such as 371400 or ${CENTRAL_GOVERNMENT_REGION} for central-government projects (got "${region}")`,
    };
  }
  if (region === CENTRAL_GOVERNMENT_REGION || PROVINCE_PREFIXES.has(region.slice(0, 2))) return undefined;
  return {
    zh: `区划代码（第 2 段）${region} 不以省级代码（11-15、21-23、31-37、41-46、50-54、61-65、71、81、82）开头，也不是中央项目的 ${CENTRAL_GOVERNMENT_REGION}`,
    en: `the region code (part 2) ${region} does not start with a province code (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82) and is not ${CENTRAL_GOVERNMENT_REGION} for central-government projects`,
  };
}

function typeProblem(type: string): Message | undefined {
  if (!/^\d{2}$/.test(type))
    return {
      zh: `项目类型码（第 4 段）须为两位数字 01-99，实际为 "${type}"`,
      en: `the project type code (part 4) must be two digits, 01-99 (got "${type}")`,
    };
  return type === '00'
    ? { zh: '项目类型码（第 4 段）须为 01 至 99，不能为 00', en: 'the project type code (part 4) must be from 01 to 99, not 00' }
    : undefined;
}

/**
 * Hyphen look-alikes that Word, WPS and Chinese input methods put in place of `-`: full-width
 * hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
 * minus sign, small hyphen-minus.
 */
const DASHES = /[\uFF0D\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63]/g;
const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
/** No whitespace belongs in a code, so spaces anywhere (incl. U+3000 and zero-width ones) go. */
const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]/g;

/** The code as people paste it (from Word documents, approval PDFs) -> the code as stored. */
export function normalizeProjectCode(input: string): string {
  return input
    .replace(SPACES, '')
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30))
    .replace(DASHES, '-');
}
