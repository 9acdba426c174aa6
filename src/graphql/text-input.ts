import type { FieldLabel } from '../errors/input-problems';
import type { Message } from '../language/message';

/**
 * What text the API accepts, decided once for every `String` and `ID` argument and input field
 * (applied by argument-checks.ts, whatever the field).
 *
 * Refused: C0 control characters except tab, line feed and carriage return (U+0000-U+0008,
 * U+000B, U+000C, U+000E-U+001F), DEL and the C1 controls (U+007F-U+009F), lone surrogates (text
 * that is not well-formed Unicode) and the Unicode noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF
 * and their like in every plane). PostgreSQL refuses a NUL outright; the others are invisible,
 * break exports and terminals, or are silently replaced on the way to the database.
 * Everything else is kept as sent: Chinese, emoji, quotes, bidirectional marks.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is this pattern's whole job
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}\p{Cs}]/u;

/**
 * Longest text any argument may carry, in UTF-16 code units. No field of the domain needs more
 * (the longest, a blocker's description, stops at 2,000 characters); the bound keeps a 10 MB
 * paste from reaching a query or a column.
 */
export const MAX_TEXT_LENGTH = 10_000;

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text`, sent as the field `label` names, is refused; undefined when it is acceptable. */
export function textProblem(text: string, label: FieldLabel): Message | undefined {
  if (text.length > MAX_TEXT_LENGTH) {
    return {
      zh: `${label.zh} 长 ${text.length} 个字符，文本最多 ${MAX_TEXT_LENGTH} 个字符`,
      en: `${label.en} is ${text.length} characters long; text may be at most ${MAX_TEXT_LENGTH} characters`,
    };
  }
  const found = REFUSED.exec(text);
  if (!found) return undefined;
  const char = found[0];
  // Counted in characters as people see them (an emoji is one), from 1.
  const position = [...text.slice(0, found.index)].length + 1;
  const code = char.codePointAt(0)!;
  if (code >= 0xd800 && code <= 0xdfff) {
    return {
      zh: `${label.zh} 不是规范的 Unicode 文本：第 ${position} 个字符处有孤立的代理码位 ${codePoint(char)}；请按输入原样发送文本`,
      en: `${label.en} is not well-formed Unicode: a lone surrogate ${codePoint(char)} at character ${position}; send the text as it was typed`,
    };
  }
  if (code <= 0x9f) {
    return {
      zh: `${label.zh} 第 ${position} 个字符是控制字符 ${codePoint(char)}：请删除（文本中可以有制表符和换行，不能有其他控制字符）`,
      en: `${label.en} contains the control character ${codePoint(char)} at character ${position}: remove it (text may hold tabs and line breaks, no other control characters)`,
    };
  }
  return {
    zh: `${label.zh} 第 ${position} 个字符 ${codePoint(char)} 不是有效字符：请删除`,
    en: `${label.en} contains ${codePoint(char)} at character ${position}, which is not a character: remove it`,
  };
}
