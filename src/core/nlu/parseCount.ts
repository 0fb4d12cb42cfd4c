import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';

const COUNT_RE =
  /(?<!\bhace )(?<![\d.,])\b(\d{1,3}) (?:sol[oa]s? )?(cuotas|cuotitas|pagos|mensualidades|quincenas|plazos|partes|abonos|parcialidades|meses|payments|installments|instalments|months|parts|monthly payments)\b(?! (?:de (?:atraso|mora)|ago|late|atrasad))/;
const SINGLE_RE = /\b(?:1|una|un|one|single) (?:sola |solo |single )?(?:cuota|pago|payment|installment)\b(?=.*\b(?:sola|solo|single|unica|unico|total)\b)|\b(?:una sola|un solo|one single) (?:cuota|pago|payment)\b/;
const MAX_COUNT = 120;

/** Parses a number of installments ("en 6 cuotas", "seis pagos", "6 meses", "in 3 installments"). Pure. */
export function parseCount(text: string, locale: string): number | undefined {
  return readCount(prepareText(text, locale));
}

/** Finds a number of installments in prepared text. Pure. */
export function readCount(text: PreparedText): number | undefined {
  const m = COUNT_RE.exec(text.num);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= MAX_COUNT ? n : undefined;
  }
  return SINGLE_RE.test(text.num) ? 1 : undefined;
}
