import path from 'node:path';
import ts from 'typescript';
import { AppError, badUserInput, conflict, ErrorCode, forbidden, notFound } from '../../src/errors/app-error';
import { InputProblems } from '../../src/errors/input-problems';

/** Chinese characters and full-width punctuation: a Chinese text has at least one. */
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Every text written as a Message ({ zh, en }) in src whose Chinese, as written at the site, has no
 * Chinese in it: English copied into `zh` to please the compiler. Texts made only of parts written
 * elsewhere (`${field} ${problem.zh}`) are checked where those parts are written.
 */
function messagesWithoutChinese(): string[] {
  const root = path.resolve(__dirname, '../..');
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram({
    rootNames: config.fileNames.filter((file) => file.startsWith(path.join(root, 'src'))),
    options: config.options,
  });
  const checker = program.getTypeChecker();
  // A literal written where a Message goes, or on its own (a constant the compiler types by its value).
  const isMessage = (type: ts.Type | undefined) =>
    type === undefined || type.getSymbol()?.name === 'Message' || type.aliasSymbol?.name === 'Message';
  const found: string[] = [];
  for (const source of program.getSourceFiles()) {
    const file = path.relative(root, source.fileName);
    if (!file.startsWith('src/')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node) && isMessage(checker.getContextualType(node))) {
        const zh = node.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'zh',
        );
        const hasEn = node.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'en');
        const value = zh?.initializer;
        let written: string | undefined;
        if (value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) written = value.text;
        else if (value && ts.isTemplateExpression(value))
          written = value.head.text + value.templateSpans.map((span) => span.literal.text).join('');
        const onlyParts = written !== undefined && ts.isTemplateExpression(value!) && /^[\s\p{P}]*$/u.test(written);
        if (hasEn && written !== undefined && !onlyParts && !CHINESE.test(written)) {
          found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${JSON.stringify(written)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('messages', () => {
  it('are written in Chinese wherever they are written', () => {
    expect(messagesWithoutChinese()).toEqual([]);
  });

  it('cannot be English only: the compiler refuses text where a Message ({ zh, en }) goes', () => {
    // `npm run typecheck` (part of `npm test`) fails if any of these compiles: each expects an error.
    const refused = [
      // @ts-expect-error English only
      () => badUserInput('input.name', 'name must not be empty'),
      // @ts-expect-error English only
      () => new AppError(ErrorCode.CONFLICT, 'already there'),
      // @ts-expect-error English only
      () => conflict('already there', { field: 'id' }),
      // @ts-expect-error English only
      () => forbidden('not yours'),
      // @ts-expect-error a record kind without a Chinese name
      () => notFound('Unnamed', 'x'),
      // @ts-expect-error English only
      () => new InputProblems().add('input.name', 'name must not be empty'),
      // @ts-expect-error English only
      () => new InputProblems().require(false, 'input.name', 'name must not be empty'),
    ];
    expect(refused).toHaveLength(7);
  });

  it('name each record by its kind, in Chinese', () => {
    expect(notFound('Project', 'x').text).toEqual({ zh: '未找到项目 x', en: 'Project x was not found' });
  });
});
