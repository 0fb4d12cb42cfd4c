/**
 * Receipt, confirmation, operation and transfer numbers ("el comprobante es 8837261", "nro de operación 00123456",
 * "folio 778899", "confirmation # 4455667", "ref A12345", "8837261 es el comprobante") are labels of a payment, never
 * money, a date, a count or a verification document. The entity parsers read the text with them masked.
 */

// Words that name a payment's reference number, in every region's wording.
const CUE =
  '(?:comprobante|(?:el|mi|un|del|su|tu|este|ese|the|my|a) recibo|recibo(?=\\s?(?:(?:no|nro|numero|num|n|de pago)\\b|[#:]))|voucher|ticket|constancia|folio|operacion|op|transaccion|confirmacion|referencia|ref|autorizacion|rastreo|receipt|confirmation|conf|reference|transaction|tracking|authorization|(?:numero|nro|num|no|n|codigo|id|number) de (?:(?:la|el) )?(?:transferencia|deposito|consignacion|pago|yape|plin|bizum|nequi|zelle|giro))';
// What may stand between the cue and the figure: "de pago", "number", "nro", "es", "#", ":".
const LINK =
  '(?:de (?:(?:la|el|mi) )?(?:pago|transferencia|deposito|consignacion|yape|plin|bizum|nequi|operacion|transaccion)|number|numero|nro|num|no|n|code|codigo|id|es|is|was|fue|era|seria|[#:])';
// A figure that carries a currency or a multiplier is money ("recibo 500 pesos"), and one followed by a month or a
// slash is a date ("comprobante 20 de noviembre"), whatever precedes it.
const FIGURE =
  '([a-z]{0,3}\\d[\\d.,-]*\\d|\\d)(?!\\s?(?:k|mil|lucas?|lukas?|palos?|millon\\w*|pesos?|soles?|euros?|dolares|dollars|bucks|usd|eur|€|de (?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)|/))(?![\\w.,])';
const BEFORE_RE = new RegExp(`\\b${CUE}(?:\\s?${LINK})*\\s?#?\\s?${FIGURE}`, 'g');
const AFTER_RE = new RegExp(`(?<![$€\\w.,])${FIGURE} (?:es|is|was|fue|era) (?:(?:el|la|mi|my|the|su) )?${CUE}\\b`, 'g');
/** What a masked reference number becomes: a word no parser reads as a figure. */
export const REFERENCE_PLACEHOLDER = 'xref';

/**
 * The text with every payment reference number replaced by `REFERENCE_PLACEHOLDER`, so that amount, date, count
 * and identifier parsers never read it; the cue words stay. Takes normalised text. Pure.
 */
export function maskReferenceNumbers(norm: string): string {
  if (!/\d/.test(norm)) return norm;
  return norm
    .replace(BEFORE_RE, (whole, figure: string) => `${whole.slice(0, whole.length - figure.length)}${REFERENCE_PLACEHOLDER}`)
    .replace(AFTER_RE, (whole, figure: string) => `${REFERENCE_PLACEHOLDER}${whole.slice(figure.length)}`);
}
