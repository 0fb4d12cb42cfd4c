/** What a masked character or word is replaced with, one per character, so a reader sees the shape but not the value. */
export const MASK = '•';

// Words that spell a birth date or document digits: months (es/en, with abbreviations) and number words.
const SPELLED =
  /(?<![\p{L}\p{N}])(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sep|sept|set|oct|nov|dic|january|february|march|april|june|july|august|september|october|november|december|jan|aug|dec|cero|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|mil|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?![\p{L}\p{N}])/giu;

/**
 * A verification answer (what a debtor types to prove who they are: document digits, a birth date) as it may be
 * stored and shown: every digit, and every month or number word, replaced character by character with MASK; the
 * rest ("mi cédula termina en") is kept so a transcript still reads. Pure.
 */
export function maskVerificationAnswer(text: string): string {
  return text.replace(/\p{N}/gu, MASK).replace(SPELLED, (word) => MASK.repeat([...word].length));
}
