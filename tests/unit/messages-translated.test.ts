import path from 'node:path';
import ts from 'typescript';

/**
 * The modules whose messages phase 2 of issue 13 translates: their owners were changing them while
 * the mechanism landed. Phase 2 empties this list and removes the English-only signatures.
 */
const NOT_YET_TRANSLATED = ['src/modules/project/', 'src/modules/progress-report/', 'src/modules/rollup/', 'src/modules/attraction/', 'src/modules/funds/'];

/**
 * Every call of a signature marked `@deprecated` for English-only text (badUserInput(field, 'text'),
 * new AppError(code, 'text'), problems.add(field, 'text'), notFound('Unnamed', id), …), by file
 * and line: what the compiler accepts only until phase 2.
 */
function englishOnlyCalls(): string[] {
  const root = path.resolve(__dirname, '../..');
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const program = ts.createProgram({ rootNames: config.fileNames.filter((file) => file.startsWith(path.join(root, 'src'))), options: config.options });
  const checker = program.getTypeChecker();
  const calls: string[] = [];
  for (const source of program.getSourceFiles()) {
    const file = path.relative(root, source.fileName);
    if (!file.startsWith('src/')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const declaration = checker.getResolvedSignature(node)?.declaration;
        const deprecated = declaration && ts.getJSDocDeprecatedTag(declaration);
        if (deprecated && /issue 13/.test(ts.getTextOfJSDocComment(deprecated.comment) ?? '')) {
          calls.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe('messages', () => {
  let calls: string[];
  beforeAll(() => {
    calls = englishOnlyCalls();
  });

  it('are written in Chinese and English everywhere but in the modules phase 2 of issue 13 converts', () => {
    expect(calls.filter((call) => !NOT_YET_TRANSLATED.some((dir) => call.startsWith(dir)))).toEqual([]);
  });

  it('are found English-only where they still are (the check sees what it looks for)', () => {
    expect(calls.some((call) => call.startsWith('src/modules/project/'))).toBe(true);
  });
});
