import { fieldLabel } from '../../src/errors/input-problems';
import { MAX_TEXT_LENGTH, textProblem } from '../../src/graphql/text-input';

const NOTE = fieldLabel('反馈内容', 'input.note');

describe('the text every argument may carry', () => {
  it.each([
    ['Chinese', '德城区住房和城乡建设局'],
    ['tabs and line breaks', '第一行\n第二行\r\n\t缩进'],
    ['emoji, one and joined', '😀 👨‍👩‍👧‍👦'],
    ['quotes and SQL metacharacters', `O'Brien "x" ; drop table project; -- % _ \\`],
    ['full-width and bidirectional marks', 'ａ１\u202e\u200b'],
    ['private use', '\ue000'],
    ['the empty string', ''],
    ['exactly the longest text', 'x'.repeat(MAX_TEXT_LENGTH)],
  ])('accepts %s', (_, text) => {
    expect(textProblem(text, NOTE)).toBeUndefined();
  });

  it.each([
    ['NUL', 'a\u0000b', /input\.note contains the control character U\+0000 at character 2: remove it/],
    ['another C0 control', '\u001b[31m', /control character U\+001B at character 1/],
    ['vertical tab', 'a\u000bb', /U\+000B/],
    ['form feed', 'a\u000cb', /U\+000C/],
    ['DEL', 'a\u007f', /U\+007F at character 2/],
    ['a C1 control', 'a\u0085', /U\+0085/],
    ['a lone high surrogate', 'a\ud800', /not well-formed Unicode: a lone surrogate U\+D800 at character 2/],
    ['a lone low surrogate after an emoji', '😀\udfff', /lone surrogate U\+DFFF at character 2/],
    ['U+FFFE', '\ufffe', /U\+FFFE at character 1, which is not a character/],
    ['U+FFFF', 'x\uffff', /U\+FFFF/],
    ['a noncharacter of another plane', '\u{10ffff}', /U\+10FFFF/],
    ['U+FDD0', '\ufdd0', /U\+FDD0/],
    ['text over the limit', 'x'.repeat(MAX_TEXT_LENGTH + 1), /input\.note is 10001 characters long; text may be at most 10000 characters/],
  ])('refuses %s, saying where', (_, text, message) => {
    expect(textProblem(text, NOTE)?.en).toMatch(message);
  });

  it.each([
    ['NUL', 'a\u0000b', '反馈内容 第 2 个字符是控制字符 U+0000：请删除（文本中可以有制表符和换行，不能有其他控制字符）'],
    ['a lone surrogate', 'a\ud800', '反馈内容 不是规范的 Unicode 文本：第 2 个字符处有孤立的代理码位 U+D800；请按输入原样发送文本'],
    ['a noncharacter', '\ufffe', '反馈内容 第 1 个字符 U+FFFE 不是有效字符：请删除'],
    ['text over the limit', 'x'.repeat(MAX_TEXT_LENGTH + 1), '反馈内容 长 10001 个字符，文本最多 10000 个字符'],
  ])('says in Chinese what is wrong with %s', (_, text, message) => {
    expect(textProblem(text, NOTE)?.zh).toBe(message);
  });
});
