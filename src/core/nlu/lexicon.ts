/**
 * Word classes shared by the intent rules: regex alternations over normalised text (lowercase, no accents).
 * Each class lists the synonyms, regional slang and verb forms debtors use for one idea, so a rule written
 * once ("no + have + money word") covers every country's wording. Constant data.
 */

const alt = (...words: string[]): string => `(?:${words.join('|')})`;

// Payment methods and apps by country (CO, MX, PE, CL, ES, US).
const PAY_METHOD = alt(
  'nequi', 'daviplata', 'bancolombia', 'pse', 'efecty', 'baloto', 'oxxo', 'spei', 'clabe', 'mercado ?pago',
  'yape', 'plin', 'bizum', 'webpay', 'khipu', 'paypal', 'zelle', 'venmo', 'cash ?app', 'tarjeta', 'transferencia',
  'deposito', 'consignacion', 'efectivo', 'card', 'debit', 'credit card', 'bank transfer', 'wire', 'giro',
);

export const LEXICON = {
  // Forms of address and padding that do not change what a short reply means ("hola causa", "si po").
  filler: alt(
    'pues', 'pue', 'pe', 'po', 'ps', 'entonces', 'por favor', 'please', 'senor(?:a|ita)?', 'sr', 'sra', 'don', 'dona',
    'amig[oa]', 'joven', 'ya', 'bueno', 'que', 'parce', 'parcer[oa]', 'mij[oa]', 'causa', 'causita', 'compa',
    'compadre', 'comadre', 'carnal', 'guey', 'wey', 'ti[oa]', 'herman[oa]', 'hermanit[oa]', 'bro', 'broder', 'mano',
    'manito', 'jef[ea]', 'sir', 'maam', 'man', 'dude', 'buddy', 'oiga', 'oye', 'mire', 'mira', 'che', 'socio', 'pana',
    'cuate', 'hombre', 'chaval', 'colega', 'vecin[oa]', 'mi (?:rey|reina|amor)', 'caballero', 'weon', 'chiquill[oa]',
  ),
  money: alt(
    'plata', 'platita', 'dinero', 'lana', 'varos?', 'feria', 'pisto', 'billete', 'biyuya', 'money', 'cash', 'funds',
    'pesos?', 'sol', 'soles', 'lucas?', 'lukas?', 'pasta', 'guita', 'mangos?', 'euros?', 'dolar(?:es)?', 'dollars?',
    'bucks', 'centavos?', 'centimos?', 'duros?', 'pavos?', 'cobre', 'chavos', 'marmaja', 'un sol', 'blanca', 'ni cinco',
  ),
  payMethod: PAY_METHOD,
  // First-person past payment: "consigné", "te yapeé", "hice el bizum", "I sent it".
  payPast: alt(
    'pague', 'pagamos', 'consigne', 'consignamos', 'transferi', 'transferimos', 'deposite', 'depositamos', 'abone',
    'abonamos', 'cancele', 'liquide', 'salde', 'gire', 'yape[ei]', 'pline[ei]', 'bizume', 'bizumee', 'envie', 'mande',
    'pase (?:la plata|el dinero|la lana|el pago)',
    `(?:hice|realice|mande|envie|hicimos) (?:el|la|los|las|un|una|mi) (?:pago|transferencia|consignacion|deposito|abono|giro|${PAY_METHOD})`,
    'paid', 'sent (?:it|the|you|u|my|a)', 'transferred', 'deposited', 'wired', 'zelled', 'venmoed',
    'made (?:the|a|my) payment', 'did (?:the|a|my) payment',
  ),
  // First-person present or future payment: "le consigno", "te yapeo", "os hago el bizum", "ill pay".
  payFuture: alt(
    'pag(?:o|are|aria|aremos|amos)', 'consign(?:o|are)', 'deposit(?:o|are)', 'transfier(?:o|e)', 'transferire',
    'abon(?:o|are)', 'cancel(?:o|are)', 'liquid(?:o|are)', 'sald(?:o|are)', 'yape(?:o|are)', 'pline(?:o|are)',
    'gir(?:o|are)', 'mandare', 'enviare', '(?:te|le|les|os) (?:mando|envio|paso|caigo|giro|deposito|transfiero)',
    `(?:hago|hare|hacemos|mando|envio) (?:el|la|los|un|una|mi) (?:pago|transferencia|consignacion|deposito|abono|giro|${PAY_METHOD})`,
    `(?:voy|vamos) a (?:pagar|consignar|depositar|transferir|abonar|cancelar|yapear|plinear|mandar|enviar|hacer (?:el|la|un) \\w+)`,
    'i will pay', 'ill pay', 'i can pay', 'gonna pay', 'going to pay', 'will pay', 'ill send', 'i will send',
    'will send', 'ill have (?:it|the money)', 'me comprometo', 'prometo', 'promise',
  ),
  // Time words that put the act now, later, or in the past.
  now: alt('hoy', 'ahora', 'ahorita', 'ya mismo', 'ahora mismo', 'al tiro', 'de una', 'en este momento', 'right now',
    'now', 'rn', 'today', 'asap', 'de inmediato', 'inmediatamente', 'enseguida'),
  later: alt(
    'manana', 'pasado manana', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo',
    '(?:la )?(?:proxima|siguiente|otra) semana', 'semana que viene', 'fin de (?:mes|semana)', 'quincena', 'apenas',
    'en cuanto', 'tan pronto', 'cuando (?:me (?:paguen|pagan|caiga|llegue|depositen)|cobre|tenga|reciba)',
    'sin falta', 'mas tarde', 'next', 'tomorrow', 'tmrw', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
    'saturday', 'sunday', 'payday', 'when i get paid', 'end of (?:the )?month', 'this weekend', 'el (?:dia )?\\d{1,2}',
    'on the \\d{1,2}', 'mes que viene', 'proximo mes', 'next month',
  ),
  past: alt('ayer', 'anteayer', 'antier', 'hace', 'pasad[oa]', 'last', 'yesterday', 'ago', 'desde el'),
  // What a balance question asks about.
  balanceObject: alt(
    'debo', 'debemos', 'debiendo', 'deuda', 'deudas', 'saldo', 'total', 'pendiente', 'falta', 'adeud\\w*', 'owe',
    'due', 'balance', 'left', 'intereses', 'asciende', 'monto', 'cobrando', 'cobran', 'cuesta', 'sale', 'es', 'seria',
    'queda', 'tengo que (?:pagar|dar|abonar)', 'hay que pagar', 'payoff', 'amount',
  ),
  insult: alt(
    'hijueputa\\w*', 'jueputa\\w*', 'hijo(?:s)? de (?:puta|perra)', 'hp', 'hdp', 'hpta', 'malparid\\w*', 'gonorreas?',
    'mierda\\w*', 'put[oa]s?', 'pendej\\w*', 'cabron\\w*', 'ching\\w*', 'pinche\\w*', 'verga', 'culer[oa]s?',
    'conchatu\\w*', 'concha (?:de )?tu \\w+', 'conchesu\\w*', 'ctm', 'csm', 'culiao\\w*', 'culiado\\w*', 'aweonao\\w*',
    'huevon\\w*', 'hueon\\w*', 'weones', 'gilipollas', 'capullo\\w*', 'imbecil\\w*', 'idiota\\w*', 'estupid\\w*',
    'ladron\\w*', 'rateros?', 'ratas', 'estafador\\w*', 'sinverguenza\\w*', 'malnacid\\w*', 'lacras?', 'basuras?',
    'carajo', 'maldit[oa]s', 'a su madre', 'tu madre', 'vete a la', 'vayanse a la', 'cagad\\w*', 'mamones',
    'fuck\\w*', 'f+ off', 'fck\\w*', 'wtf', 'stfu', 'shit\\w*', 'bitch\\w*', 'asshole\\w*', 'bastard\\w*',
    'scammers?', 'thieves', 'crooks', 'go to hell', 'al (?:carajo|diablo)', 'me cago en', 'damn you', 'losers',
  ),
} as const;
