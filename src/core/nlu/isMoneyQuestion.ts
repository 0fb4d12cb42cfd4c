/**
 * A question about the money owed or charged ("¿y esos 40 euros de comisión de dónde salen?", "por qué me cobran 300
 * mil de intereses", "why am I being charged $45 in fees?") asks for an answer; a number inside it names what is
 * asked about, not an offer. A question that proposes ("¿puedo pagar 50 mil al mes?", "will you take $300?") stays an
 * offer: it has a verb of offering or accepting.
 */

// Asking: a question mark, or an interrogative word anywhere (indirect questions: "no entiendo por qué me cobran…").
const ASKING_RE =
  /\b(?:por ?que|porq|xq|pq|de donde|a que se debe|como (?:es )?que|que (?:es|son|significa|significan)|y eso|why|how come|what (?:is|are|s) (?:the|these|those|this|that|all)|where (?:does|do|did|is|are)|what for)\b/;
// About the money: charges and what they are made of, the balance, or a figure pointed at ("esos 40 euros").
const MONEY_TOPIC_RE =
  /\b(?:comision\w*|interes(?:es)?|cargos?|cobros?|(?:me|nos|les|te) (?:\w+ )?cobr\w*|cobr(?:an|aron|ando|ado|ada|o)|multas?|mora|moratorios?|recargos?|penalidad\w*|penalizacion\w*|gastos?|honorarios|iva|saldo|deuda|total|subio|aumento|fees?|charg\w*|interest|penalt\w*|surcharges?|balance|costs?|come from|de donde (?:sale|salen|salio|salieron|viene|vienen))\b|\b(?:esos|esas|estos|estas|ese|esa|este|esta|these|those|that|this)\s(?:[$€]\s?)?\d/;
// Offering or asking for acceptance: the question proposes the figure.
const PROPOSAL_RE =
  /\b(?:puedo|podria|podriamos|podemos|pudiera|ofrezco|ofrecer\w*|propongo|proponer\w*|(?:te|le|les|os) (?:doy|daria|pago|pagaria|abono|deposito|transfiero|consigno|mando|envio|yapeo|paso|parece|parecen|sirve|sirven|serviria|queda bien)|doy|dar(?:le|te|les|os)?|acept\w*|recib(?:en|irian|iria|es|e)|y si|que tal (?:si|con)?|si (?:le |te |les |os )?(?:pago|doy|abono|deposito|transfiero)|cerra(?:mos|r|rla|rlo)|salda(?:d[oa]|ria|mos)|liquida(?:d[oa]|ria|mos)|alcanz\w*|basta(?:n|ria|rian)?|suficiente|dejamos|dejarlo|quedamos|solo tengo|tengo (?:solo|nomas)|nomas tengo|i can|i could|can i|could i|i will|ill|let me|if i|what if|take|accept\w*|how about|what about|offer\w*|settle\w*|close (?:it|this|the|out)|enough|sufficient|(?:ok|okay|fine|good|work) (?:for|with)|(?:only|just) (?:have|got)|all i (?:have|got)|(?:you|u) do|deal)\b/;

/**
 * True when the message asks about the money (a charge, its origin, the balance or a figure pointed at) and proposes
 * nothing. `norm` is the normalised text; `questionMark` whether the raw text had one. Pure.
 */
export function isMoneyQuestion(norm: string, questionMark: boolean): boolean {
  return (questionMark || ASKING_RE.test(norm)) && MONEY_TOPIC_RE.test(norm) && !PROPOSAL_RE.test(norm);
}
