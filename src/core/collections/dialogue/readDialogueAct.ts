import { normalizeText } from '../../nlu/normalizeText';

/**
 * What a debtor message does in the conversation beyond the canonical intents: a question to answer (why the
 * balance is what it is, whether paying in full has a discount, what arrangement they have, what happens next),
 * a third party speaking (the debtor died, the number changed hands, a relative), a request to cancel an
 * arrangement or to be written to later, a two-part proposal (half now, the rest later), a receipt number, or an
 * acceptance too vague to bind.
 */
export type DialogueAct =
  | 'debtor_deceased'
  | 'not_the_debtor'
  | 'third_party'
  | 'contact_later'
  | 'cancel_arrangement'
  | 'ask_breakdown'
  | 'ask_discount'
  | 'ask_arrangement'
  | 'ask_next_steps'
  | 'resend_link'
  | 'split_payment'
  | 'affirm_unclear'
  | 'affirm_clear';

const RELATIVE = '(?:mama|madre|mami|papa|padre|esposa|esposo|mujer|marido|hija|hijo|hermana|hermano|tia|tio|abuela|abuelo|nieta|nieto|sobrina|sobrino|prima|primo|novia|novio|pareja|suegra|suegro|cunada|cunado|mother|mom|father|dad|wife|husband|daughter|son|sister|brother|aunt|uncle|grandmother|grandfather|niece|nephew|cousin|girlfriend|boyfriend|partner)';

const DECEASED_RE = /\b(?:fallecio|fallecid[oa]s?|fallecimiento|murio|muri[oó]|muert[oa]|difunt[oa]|finad[oa]|ya no esta con nosotros|se nos fue|descanse en paz|en paz descanse|qepd|passed away|passed on|has passed|died|is dead|deceased|no longer with us)\b/;
const RELATIVE_RE = new RegExp(
  `\\b(?:(?:soy|habla|le habla|te habla|es) (?:su|la|el|tu) ${RELATIVE}|(?:era|es) mi ${RELATIVE}|(?:i am|im|this is) (?:his|her|their) ${RELATIVE}|(?:she|he) (?:is|was) my ${RELATIVE}|my ${RELATIVE})\\b`,
);
const CHANGED_NUMBER_RE =
  /\b(?:(?:este|el|mi) (?:numero|celular|cel|telefono|whatsapp) (?:ya )?no es (?:de|del)|ya no es (?:el |su )?(?:numero|celular|telefono) de|(?:ya no|no) (?:usa|tiene) este (?:numero|celular|telefono)|(?:cambio|cambiaron|cambie) de (?:numero|celular|telefono)|(?:this|that) (?:is not|isnt) \w+s? (?:number|phone)|(?:doesnt|does not|no longer) (?:have|use|has) this (?:number|phone)|new number|not \w+s (?:number|phone))\b/;
const CONTACT_VERB = '(?:escrib|contact|llam|busc|habl|text|call|write|message|reach|contact)\\w*';
const LATER = '(?:despues|mas tarde|luego|manana|pasado manana|otro dia|en la (?:tarde|noche|manana)|el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)|la (?:proxima|otra) semana|cuando me paguen|el dia de (?:pago|quincena)|en (?:la )?quincena|a fin de mes|despues de las? \\d{1,2}|desde las? \\d{1,2}|later|tomorrow|tonight|next week|on (?:payday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|after \\d{1,2}|in the (?:morning|afternoon|evening)|another (?:day|time))';
const CONTACT_LATER_RE = new RegExp(
  `\\b${CONTACT_VERB}(?: (?:me|nos|le|us|back))*(?: (?:por favor|please))? ${LATER}\\b|\\b(?:ahora|ahorita|en este momento) no puedo (?:hablar|atender|responder|contestar)\\b|\\b(?:cant|cannot|can not) (?:talk|chat) (?:right )?now\\b`,
);
const CANCEL_RE =
  /\b(?:cancel\w*|anul\w*|deshac\w*|deshaz\w*|borr\w*|quit\w*|elimin\w*|revoc\w*|ya no quiero|no quiero (?:seguir con )?)(?: \w+){0,3}? (?:plan|acuerdo|convenio|promesa|compromiso|arreglo|cuotas|liquidacion|arrangement|agreement|promise|settlement)\b/;
const BREAKDOWN_RE =
  /\b(?:por ?que|porque|como es que|de donde sale\w*|why)\b.*\b(?:tanto|tan (?:alt[oa]|car[oa]|grande)|mucho|saldo|deuda|monto|cobr\w*|sube|subio|aumento|intereses?|so (?:high|much)|balance|owe|charg\w*|interest|fees?)\b|\bcuant[oa]s? (?:\w+ ){0,4}?(?:intereses?|cargos?|comision\w*|multas?|mora|gastos?)\b|\b(?:desglose|breakdown)\b|\bhow much (?:\w+ ){0,3}?(?:interest|fees?)\b/;
const DISCOUNT_RE = /\b(?:descuento|rebaja|discount)\b/;
const QUESTION_CUE_RE = /^(?:hay|habra|me (?:hacen|dan|hace|da|harian|darian)|tienen|tiene|existe|ofrecen|si (?:pago|le pago|te pago|cancelo|liquido)|y si|puedo tener|is there|are there|do you|can i get|would i get|if i pay|any)\b|\b(?:hay|existe|tienen|ofrecen|hacen) (?:algun|un|algo de)\b|\bany discount\b|\bdiscount if\b/;
const ARRANGEMENT_RE =
  /\bque (?:plan|acuerdo|arreglo|promesa|compromiso|convenio)e?s? tengo\b|\bque (?:tengo|me queda) pendiente\b|\b(?:cuando|que dia) (?:es|vence|toca|seria|cae) (?:el |la |mi )?(?:proxim[oa] |siguiente )?(?:pago|cuota|abono|vencimiento|plazo)\b|\b(?:cuando|que dia) (?:me toca|tengo que|debo) pagar\b|\b(?:cual es|como va|como esta|en que va) mi (?:plan|acuerdo|promesa|compromiso|convenio)\b|\bcuantas cuotas me (?:faltan|quedan)\b|\bwhat (?:plan|arrangement|agreement|promise) do i have\b|\bwhen is (?:my|the) next (?:payment|installment)\b|\bwhat do i have (?:pending|open|due)\b|\bwhat did i agree to\b/;
const NEXT_STEPS_RE = /\b(?:y )?(?:ahora )?que (?:sigue|pasa ahora|pasa despues|hago ahora)\b|\bcuanto (?:tarda|demora|se demora|se tarda)\b|\b(?:lo necesitan|les (?:mando|envio|paso)|se los (?:mando|envio|paso))\b|\bwhat happens (?:now|next)\b|\bhow long (?:will it|does it) take\b|\bdo you need\b/;
const SPLIT_RE =
  /\b(?:la )?mitad (?:ahora|ahorita|hoy|ya|de una|en este momento|este mes)\b.*\b(?:(?:la )?otra(?: mitad)?|(?:el )?resto|lo demas|lo que falta|lo restante|mitad)\b|\bhalf (?:now|today|right now|this week)\b.*\b(?:(?:the )?other half|(?:the )?rest|remainder|half)\b/;
const LINK_RE = /\b(?:link|enlace|liga)\b/;
const UNCLEAR_WORD = '(?:xaffirm|ok|okay|oka|okey|okis|kk|ya|bueno|va|aja)';
const UNCLEAR_RE = new RegExp(`^${UNCLEAR_WORD}(?: ${UNCLEAR_WORD})*$`);
const CLEAR_ACCEPT_RE = /(?<!\bno )(?<!\bnot )\b(?:acepto|aceptamos|lo acepto|la acepto|si acepto|de acuerdo|estoy de acuerdo|confirmo|lo confirmo|trato hecho|hagamoslo|i accept|accept it|i agree|agreed|deal|confirmed|i confirm)\b/;

/**
 * Reads the dialogue acts of one message, most decisive first (a death outranks everything; a third party
 * outranks a question). `firstName` is the debtor's, to tell "esa no es María" from other denials. Empty when the
 * message is none of them. Pure.
 */
export function readDialogueActs(text: string, lang: 'es' | 'en', firstName: string): DialogueAct[] {
  const norm = normalizeText(text, lang);
  const name = normalizeText(firstName).split(' ')[0] ?? '';
  const acts: DialogueAct[] = [];
  if (DECEASED_RE.test(norm)) acts.push('debtor_deceased');
  const notThem = name !== '' && new RegExp(`\\b(?:no (?:es|soy) ${name}|${name} (?:ya )?no (?:vive|esta|usa|tiene)|(?:is not|isnt|im not|i am not|not) ${name}\\b)`).test(norm);
  if (RELATIVE_RE.test(norm)) acts.push('third_party');
  if (notThem || CHANGED_NUMBER_RE.test(norm)) acts.push('not_the_debtor');
  if (CONTACT_LATER_RE.test(norm)) acts.push('contact_later');
  if (CANCEL_RE.test(norm)) acts.push('cancel_arrangement');
  if (ARRANGEMENT_RE.test(norm)) acts.push('ask_arrangement');
  if (BREAKDOWN_RE.test(norm)) acts.push('ask_breakdown');
  if (DISCOUNT_RE.test(norm) && (text.includes('?') || QUESTION_CUE_RE.test(norm))) acts.push('ask_discount');
  if (NEXT_STEPS_RE.test(norm)) acts.push('ask_next_steps');
  if (LINK_RE.test(norm)) acts.push('resend_link');
  if (SPLIT_RE.test(norm)) acts.push('split_payment');
  if (UNCLEAR_RE.test(norm)) acts.push('affirm_unclear');
  if (CLEAR_ACCEPT_RE.test(norm)) acts.push('affirm_clear');
  return acts;
}

const RECEIPT_RE = /\b(?:comprobante|recibo|voucher|constancia|operacion|transaccion|confirmacion|referencia|yape|bizum|plin|nequi|receipt|confirmation|reference|transaction|ref|numero)\b\D{0,24}?([a-z]{0,3}\d[\d-]{3,28}\d)\b|#\s?(\d{4,30})\b/;

/**
 * The receipt, operation or confirmation number a debtor gives for a payment ("el comprobante 8837261", "Yape
 * op. 123456", "confirmation #A12345"), or undefined. Pure.
 */
export function readReceiptNumber(text: string): string | undefined {
  const match = RECEIPT_RE.exec(normalizeText(text).replace(/#/g, ' # '));
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : value.toUpperCase();
}
