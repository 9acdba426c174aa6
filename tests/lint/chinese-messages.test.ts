import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

/**
 * The Chinese text of a message is what an official reads in the dashboard's forms and in the
 * bulletin's errors: it names a field by its Chinese term, never by the API's name (`submittedOn`),
 * which `extensions.field` carries for programs. Only messages no official can cause, the ones about
 * the protocol an integrator speaks (cursors, operation names, a filter's pairing), may name the API.
 */
const FOR_INTEGRATORS: Record<string, readonly string[]> = {
  'pagination/connection.ts': ['endCursor'],
  'transport/ws.ts': ['operationName'],
  'modules/project/project-list.ts': ['lightPeriod'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dashboard' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The literal text of every `zh:` message in a file (interpolations left out), with its line. */
function chineseMessages(code: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  for (const match of code.matchAll(/zh:\s*(['`])((?:\\.|(?!\1)[\s\S])*)\1/g)) {
    const text = match[2]!.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '');
    found.push({ line: code.slice(0, match.index).split('\n').length, text });
  }
  return found;
}

describe('Chinese messages', () => {
  it('name fields in Chinese, not by the API’s camelCase names', () => {
    const offending: string[] = [];
    let messages = 0;
    for (const file of sourceFiles(SRC)) {
      const place = path.relative(SRC, file).split(path.sep).join('/');
      const allowed = FOR_INTEGRATORS[place] ?? [];
      for (const { line, text } of chineseMessages(readFileSync(file, 'utf8'))) {
        messages += 1;
        for (const word of text.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g) ?? []) {
          if (!allowed.includes(word)) offending.push(`src/${place}:${line}: ${word} in “${text}”`);
        }
      }
    }
    // The scan found the messages it is about: a change of their shape must not leave it checking nothing.
    expect(messages).toBeGreaterThan(200);
    expect(offending).toEqual([]);
  });

  it('finds an API name in a message, and leaves interpolated values alone', () => {
    const code = "zh: `批复日期 approvedOn（${input.approvedOn}）`, x: 1, zh: '请填写批复日期'";
    expect(chineseMessages(code).map((m) => m.text)).toEqual(['批复日期 approvedOn（）', '请填写批复日期']);
  });
});
