const MONTHS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:ene|jan)/, 1], [/^feb/, 2], [/^mar/, 3], [/^(?:abr|apr)/, 4], [/^may/, 5], [/^jun/, 6],
  [/^jul/, 7], [/^(?:ago|aug)/, 8], [/^(?:sep|set)/, 9], [/^oct/, 10], [/^nov/, 11], [/^(?:dic|dec)/, 12],
];
const NAMES = /^(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|september|october|november|december|ene|jan|feb|mar|abr|apr|jun|jul|ago|aug|sep|sept|set|oct|nov|dic|dec)$/;

/** Month number (1–12) of a normalised Spanish or English month name or abbreviation. Pure. */
export function readMonth(word: string): number | undefined {
  if (!NAMES.test(word)) return undefined;
  return MONTHS.find(([re]) => re.test(word))?.[1];
}
