/**
 * The Chinese term a field's description gives it, as the inputs of this API write it
 * (`Investment completed in the month (当月完成投资), 万元.`): the first parenthesis that begins with
 * a Chinese term, up to a comma or semicolon (`(项目代码, GB/T 40058-2021)` gives 项目代码; `(e.g. 专项债)`
 * gives nothing). Messages name a field by it, so an officer reads the form's own words.
 */
const CHINESE_TERM = /[(（]([\u4e00-\u9fff][^()（）,，;；]*)[^()（）]*[)）]/;

export const describedTerm = (description: string | null | undefined): string | undefined =>
  CHINESE_TERM.exec(description ?? '')?.[1]?.trim();
