import { normalizeProjectCode, PROJECT_CODE_EXAMPLE, projectCodeProblem } from '../../src/modules/project/project-code';

describe('projectCodeProblem', () => {
  it.each([
    ['the example', PROJECT_CODE_EXAMPLE],
    ['a YYMM time code', '2411-371400-89-01-637015'],
    ['an older four-digit year', '2017-371400-04-01-123456'],
    ['the year 2000', '2000-371400-04-01-123456'],
    ['a central-government project (region 000000)', '2503-000000-00-99-000001'],
    ['a province-level region', '2501-370000-00-01-000000'],
    ['Beijing, the lowest province code', '2501-110101-00-01-000000'],
    ['Macao, the highest province code', '2501-820000-00-01-000000'],
    ['Taiwan', '2501-710000-00-01-000000'],
    ['department 99', '2501-371400-99-01-000000'],
    ['January (time code month 01)', '2401-371400-89-01-637015'],
    ['December (time code month 12)', '2412-371400-89-01-637015'],
  ])('accepts %s: %s', (_, code) => {
    expect(projectCodeProblem(code)).toBeUndefined();
  });

  it.each([
    ['rejects an empty code', '', /empty/],
    ['rejects a code without hyphens and says so', '241137140089016370150', /five parts/],
    ['says the hyphens are missing from 20 bare digits', '24113714008901637015', /four hyphens/],
    ['rejects four parts', '2411-371400-89-637015', /five parts separated by hyphens \(found 4\)/],
    ['rejects six parts', '2411-371400-89-01-637-015', /five parts separated by hyphens \(found 6\)/],
    ['rejects a month 13 in the time code', '2413-371400-89-01-637015', /time code \(part 1\) 2413 is not YYMM/],
    ['rejects a month 00 in the time code', '2400-371400-89-01-637015', /time code \(part 1\) 2400/],
    ['rejects a year before 2000 in an older code', '1999-371400-89-01-637015', /time code \(part 1\) 1999/],
    ['rejects a two-digit time code', '24-371400-89-01-637015', /time code \(part 1\) must be four digits/],
    ['rejects a six-digit time code', '202411-371400-89-01-637015', /time code \(part 1\) must be four digits/],
    ['rejects letters in the time code', '24ab-371400-89-01-637015', /time code \(part 1\) must be four digits/],
    ['rejects a five-digit region code', '2411-37140-89-01-637015', /region code \(part 2\) must be six digits/],
    [
      'rejects a region code of an unknown province 38',
      '2411-381400-89-01-637015',
      /region code \(part 2\) 381400 does not start with a province code/,
    ],
    ['rejects a region code of an unknown province 16', '2411-160100-89-01-637015', /province code/],
    ['rejects a region code of an unknown province 83', '2411-830100-89-01-637015', /province code/],
    ['rejects a region code 00xxxx other than 000000', '2411-000100-89-01-637015', /province code/],
    ['rejects a one-digit department code', '2411-371400-8-01-637015', /department code \(part 3\) must be two digits/],
    ['rejects a three-digit department code', '2411-371400-890-01-637015', /department code \(part 3\)/],
    ['rejects project type 00', '2411-371400-89-00-637015', /project type code \(part 4\) must be from 01 to 99, not 00/],
    ['rejects a non-numeric project type', '2411-371400-89-0A-637015', /project type code \(part 4\) must be two digits/],
    ['rejects a five-digit serial', '2411-371400-89-01-63701', /serial number \(part 5\) must be six digits/],
    ['rejects a seven-digit serial', '2411-371400-89-01-6370150', /serial number \(part 5\)/],
    ['rejects an un-normalized full-width digit', '2411-371400-89-01-63701５', /serial number \(part 5\)/],
    ['rejects surrounding whitespace (normalize first)', ' 2411-371400-89-01-637015', /time code \(part 1\)/],
  ])('%s', (_, code, reason) => {
    expect(projectCodeProblem(code)?.en).toMatch(reason);
  });

  it('names every wrong part at once and shows the expected shape', () => {
    const problem = projectCodeProblem('2413-991400-89-00-63701')?.en;
    expect(problem).toMatch(/^The time code \(part 1\)/);
    expect(problem).toMatch(/region code \(part 2\)/);
    expect(problem).toMatch(/project type code \(part 4\)/);
    expect(problem).toMatch(/serial number \(part 5\)/);
    expect(problem).not.toMatch(/department/);
    expect(problem).toMatch(/Expected YYMM-RRRRRR-DD-TT-NNNNNN, e\.g\. 2411-371400-89-01-637015$/);
  });

  it('says the same in Chinese, part by part, with the expected shape', () => {
    expect(projectCodeProblem('2413-991400-89-00-63701')?.zh).toBe(
      '时间码（第 1 段）2413 不符合格式：应为 YYMM（月份 01-12，例如 2411），旧代码为 2000 年以后的年份（例如 2017）；' +
        '区划代码（第 2 段）991400 不以省级代码（11-15、21-23、31-37、41-46、50-54、61-65、71、81、82）开头，也不是中央项目的 000000；' +
        '项目类型码（第 4 段）须为 01 至 99，不能为 00；序列号（第 5 段）须为六位数字，实际为 "63701"。' +
        '格式应为 YYMM-RRRRRR-DD-TT-NNNNNN，例如 2411-371400-89-01-637015',
    );
    expect(projectCodeProblem('')?.zh).toBe('项目代码为空；格式应为 YYMM-RRRRRR-DD-TT-NNNNNN，例如 2411-371400-89-01-637015');
    expect(projectCodeProblem('2612-371400-89-01-637015', '2026-11-30')?.zh).toMatch(
      /表示 2026-12，晚于本月 2026-11：项目代码不能在未来赋码/,
    );
  });

  describe('with today', () => {
    it.each([
      ['accepts a code issued this month', '2611-371400-89-01-637015', '2026-11-01'],
      ['accepts a code issued last month', '2610-371400-89-01-637015', '2026-11-20'],
      ['accepts a code issued last December in January', '2512-371400-89-01-637015', '2026-01-01'],
      ['accepts an older year code of this year', '2026-371400-89-01-637015', '2026-01-01'],
      ['accepts an older year code of a past year', '2017-371400-04-01-123456', '2026-11-20'],
      ['accepts 2012 read as December 2020 or the year 2012', '2012-371400-04-01-123456', '2026-11-20'],
    ])('%s', (_, code, today) => {
      expect(projectCodeProblem(code, today)).toBeUndefined();
    });

    it.each([
      [
        'rejects a code issued next month',
        '2612-371400-89-01-637015',
        '2026-11-30',
        /2026-12, after the current month 2026-11: a code cannot be issued in the future/,
      ],
      [
        'rejects a code issued next January on 31 December',
        '2701-371400-89-01-637015',
        '2026-12-31',
        /2027-01, after the current month 2026-12/,
      ],
      ['rejects an older year code of next year', '2027-371400-89-01-637015', '2026-11-20', /the year 2027, after the current year 2026/],
      ['rejects an older year code far in the future', '2099-371400-89-01-637015', '2026-11-20', /the year 2099/],
      [
        'rejects 2011 read either way when today is before November 2020 and 2011',
        '2011-371400-89-01-637015',
        '2010-06-15',
        /2020-11, after the current month 2010-06/,
      ],
    ])('%s', (_, code, today, reason) => {
      expect(projectCodeProblem(code, today)?.en).toMatch(reason);
    });

    it('throws a RangeError when today is not a real date (a caller bug, not user input)', () => {
      expect(() => projectCodeProblem(PROJECT_CODE_EXAMPLE, '2026-02-30')).toThrow(RangeError);
      expect(() => projectCodeProblem(PROJECT_CODE_EXAMPLE, '2026-11')).toThrow(RangeError);
    });
  });
});

describe('normalizeProjectCode', () => {
  it.each([
    ['leaves a clean code alone', '2411-371400-89-01-637015', '2411-371400-89-01-637015'],
    ['trims spaces, tabs and newlines', ' \t2411-371400-89-01-637015\n', '2411-371400-89-01-637015'],
    ['trims ideographic and non-breaking spaces', '\u30002411-371400-89-01-637015\u00A0', '2411-371400-89-01-637015'],
    ['drops zero-width spaces and a BOM', '\uFEFF2411-371400\u200B-89-01-637015', '2411-371400-89-01-637015'],
    ['drops spaces around the hyphens', '2411 - 371400 - 89 - 01 - 637015', '2411-371400-89-01-637015'],
    ['converts full-width digits', '２４１１-３７１４００-８９-０１-６３７０１５', '2411-371400-89-01-637015'],
    ['converts full-width hyphens (－)', '2411－371400－89－01－637015', '2411-371400-89-01-637015'],
    ['converts em dashes (—)', '2411—371400—89—01—637015', '2411-371400-89-01-637015'],
    ['converts hyphens (‐)', '2411‐371400‐89‐01‐637015', '2411-371400-89-01-637015'],
    ['converts non-breaking hyphens (‑)', '2411‑371400‑89‑01‑637015', '2411-371400-89-01-637015'],
    ['converts en dashes (–)', '2411–371400–89–01–637015', '2411-371400-89-01-637015'],
    ['converts minus signs (−)', '2411−371400−89−01−637015', '2411-371400-89-01-637015'],
    ['converts a mix pasted from Word', ' ２４１１－371400—89‐01–６３７０１５ ', '2411-371400-89-01-637015'],
  ])('%s', (_, input, expected) => {
    expect(normalizeProjectCode(input)).toBe(expected);
    expect(projectCodeProblem(normalizeProjectCode(input))).toBeUndefined();
  });

  it('does not make an invalid code valid', () => {
    expect(projectCodeProblem(normalizeProjectCode('２４１３－371400－89－01－637015'))?.en).toMatch(/2413/);
  });
});
