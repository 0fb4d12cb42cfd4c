import type { CanonicalIntent } from './intents';
import { LEXICON } from './lexicon';

/** One intent rule: a pattern over normalised text and how strongly a match signals the intent. */
export interface IntentRule {
  intent: CanonicalIntent;
  weight: number;
  re: RegExp;
  /** Whole-message rules only apply to short replies; longer text skips them (a speed bound, not a meaning). */
  maxLength?: number;
}

const { filler: FILL, money: MONEY, payMethod: METHOD, payPast: PAST_PAY, balanceObject: OWED, insult: INSULT } = LEXICON;

const AFFIRM_WORDS =
  '(?:si|sip|sipi|sii|sipo|sep|sisas|simon|claro|claro que si|dale|ok(?:a|ay|ey|i|is|as|idoki)?|listo|vale|va|venga|sale|orale|arre|de acuerdo|acepto|aceptamos|perfecto|genial|excelente|correcto|exacto|cierto|bueno|ya|ya po|ya pe|yap|esta bien|ta bien|ta bueno|de una|hecho|trato hecho|hagamoslo|me parece(?: bien)?|por supuesto|obvio|afirmativo|asi es|confirmo|eso|eso es|yes|yeah|yea|yep|yup|ya|sure|of course|sounds good|deal|agreed|fine|alright|all right|right|correct|ok then|lets do it|good|great|perfect|absolutely|definitely|for sure|bet|xaffirm)';
const DENY_WORDS =
  '(?:no+|nop|nope|nel|nones|nah|na|negativo|para nada|ni loc[oa]|ni de chiste|ni de broma|ni hablar|ni modo|ni a palos|que va|jamas|nunca|tampoco|no gracias|no thanks|no thank you|no way|hell no|no acepto|no quiero|no me interesa|not interested|(?:eso )?no me (?:sirve|conviene|parece)|eso no|asi no|de ninguna manera|no puedo aceptar|nada que ver|xdeny)';
const GREET_WORDS =
  '(?:hola|holi|holis|ola|alo|epa|buena+s+|muy buenas|buenos dias|buen dia|(?:buenas|wenas) (?:tardes|noches|dias)|que tal|que mas|que hubo|quihubo|quiubo|que onda|que pasa|que hay|saludos|hi|hiya|hello|hey|hey there|sup|whats up|wassup|good (?:morning|afternoon|evening|day)|howdy|wena|wenas|xgreet)';

const rule = (intent: CanonicalIntent, weight: number, re: RegExp | string): IntentRule => ({
  intent,
  weight,
  re: typeof re === 'string' ? new RegExp(re) : re,
});

const SHORT_REPLY = 60;

/** A message made only of `core` words and filler, with at least one core word. */
const only = (intent: CanonicalIntent, weight: number, core: string): IntentRule => ({
  intent,
  weight,
  re: new RegExp(`^(?:${FILL} )*${core}(?: (?:${core}|${FILL}))*$`),
  maxLength: SHORT_REPLY,
});
/** The rules recognizer's table, Spanish and English together (debtors mix them). Constant data. */
export const INTENT_RULES: readonly IntentRule[] = [
  // Whole-message replies: only these words (and filler) make the message.
  only('affirm', 0.9, AFFIRM_WORDS),
  rule('affirm', 0.55, /^(?:si|claro|dale|ok\w{0,3}|listo|vale|de acuerdo|perfecto|yes|yeah|sure)\b/),
  only('deny', 0.9, DENY_WORDS),
  // Spain's "que va" is a flat no, though "va" alone is a Mexican yes.
  rule('deny', 0.93, /^(?:pues |ay |uy )?que va\b/),
  rule('deny', 0.5, /^(?:no+|nope|nah|nel)\b/),
  only('greet', 0.92, `(?:${GREET_WORDS}|como (?:esta|estas|estan|le va|te va|va)|there|all|a todos)`),
  rule('greet', 0.45, new RegExp(`^${GREET_WORDS}\\b`)),
  rule('opt_out', 0.97, /^(?:stop|baja|unsubscribe|unsub|stop all|cancel|end|quit|alto|basta)$/),

  rule('ask_balance', 0.85, `\\b(?:cuant[oa]s?|how much|hw much|what do i)\\b(?! (?:antes|tiempo|dias|meses|semanas|cuotas))(?:.*\\b(?:debo|debemos|deuda|saldo|adeud\\w*|owe|balance|payoff)\\b|.* (?:me )?(?:falta|queda)\\b)`),
  rule('ask_balance', 0.8, `\\b(?:cuant[oa]s?|a cuanto|how much|hw much)\\b(?! (?:antes|tiempo|dias|meses|semanas|cuotas))(?:.*\\b${OWED}\\b|$)`),
  rule('ask_balance', 0.85, /\bwhat(?:s| is)? (?:my|the|i)\b.*\b(?:owe|balance|due|left|payoff|total)\b/),
  rule('ask_balance', 0.92, /\b(?:cuanto|how much)\b.*\b(?:para|pa|to) (?:quedar|saldar|liquidar|cancelar|pagar|ponerme al dia|settle|pay off|clear)\b/),
  rule('ask_balance', 0.75, /\b(?:saldo|balance|estado de cuenta|payoff|adeud[oa])\b/),
  rule('ask_balance', 0.8, /\b(?:monto|valor|total|cifra)\b.*\b(?:deuda|debo|cuenta|adeudo)\b/),
  rule('ask_balance', 0.8, /\b(?:saber|consultar|conocer|revisar|decirme|dime|digame|informarme|check|know|tell me)\b.*\b(?:debo|deuda|saldo|adeudo|owe|balance)\b/),

  rule('pay_now', 0.75, /(?<!\bno )\b(?:quiero|quisiera|deseo|voy a|necesito|vamos a|puedo|como|donde|por donde|me gustaria)\s(?:\w+\s)?(?:pagar|cancelar|liquidar|saldar|consignar|transferir|depositar|pagarlo|pagarla|yapear|plinear)\b/),
  rule('pay_now', 0.78, /\b(?:como|donde|por donde|a donde|adonde|en donde)\s(?:\w+\s)?(?:pago|pagar|consigno|deposito|transfiero|abono|puedo pagar|mando|envio|yapeo)\b/),
  rule('pay_now', 0.85, /\b(?:como|que) (?:hago|tengo que hacer|debo hacer|hay que hacer) (?:para|pa) (?:pagar|consignar|depositar|transferir|abonar|cancelar|liquidar|saldar)\b/),
  rule('pay_now', 0.85, /\b(?:link|enlace|liga|boton|medios?|formas?|metodos?|referencia|datos)\s(?:de\s)?pago\b|\bpayment (?:link|options|methods?)\b/),
  rule('pay_now', 0.82, /\b(?:manda|envia|pasa|comparte|da|send|text)\w* (?:me )?(?:el|la|los|un|una|the|a|me the|me a) (?:link|enlace|liga|qr|numero de cuenta|cuenta|clabe|datos|referencia|link de pago)\b/),
  rule('pay_now', 0.85, /\bcuenta (?:para|pa|donde|a la que)\b|\ba que cuenta\b|\bdatos (?:para|pa|de) (?:transferir|pagar|consignar|depositar|la transferencia)\b/),
  rule('pay_now', 0.8, /(?<!\bno )\b(?:pagar|pago|pagarlo|liquidar|saldar|cancelar)\s(?:ya|ahora|ahorita|de una|todo|ya mismo|en efectivo|con tarjeta|el total|total|online|en linea|hoy|al tiro)\b/),
  rule('pay_now', 0.8, `\\b(?:pagar|pago|abonar|transferir|depositar|pay) (?:por|con|en|mediante|via|desde|with|by|through) (?:el |la )?(?:${METHOD}|banco|linea|internet|la app)`),
  rule('pay_now', 0.82, /\b(?:referencia|cuenta|clabe|cbu|numero de cuenta|datos|link|enlace|liga|qr)\b.*\b(?:para|pa) (?:pagar|transferir|depositar|consignar|abonar)\b/),
  rule('pay_now', 0.8, /\b(?:where|how) (?:do|can|should) i (?:send|make|pay)\b|\bhow do i make a payment\b/),
  rule('pay_now', 0.8, /\b(?:want|like|ready|wanna|need|going|gonna) (?:to )?pay\b|\bpay (?:now|today|in full|the full|it all|online|(?:by|with) (?:card|credit|debit))\b/),

  rule('promise_to_pay', 0.78, /\b(?:me comprometo a pagar|le prometo|te prometo|prometo pagar|i promise to pay|i will pay|ill pay|i can pay you on)\b/),

  rule('request_plan', 0.85, /\b(?:cuotas?|cuotitas|plan de pagos?|acuerdo de pago|(?:un|algun|hacer|llegar a un) acuerdo|convenio|financ\w*|refinanc\w*|diferi\w*|fraccion\w*|divid\w*|plazos|en partes|por partes|en pagos|varios pagos|abonos|mensualidades|parcialidades|de a poc\w*|de a poqu\w*|poco a poco|poquito a poquito|a meses|installments?|instalments?|facilidad(?:es)? de pago|payment plans?|payment arrangements?|arrangements?|split (?:it|the|into|in|up)|break (?:it|this|the \w+) (?:up|into|down)|monthly payments|smaller payments|in parts|pay (?:it )?over time)\b/),
  rule('request_plan', 0.8, /\b(?:pagos|abonos) (?:parciales|mensuales|semanales|quincenales|pequenos|chiquitos)\b|\bpagar (?:de a|mensual\w*|cada mes|semanal\w*|cada quincena)\b/),
  rule('request_plan', 0.6, /\b(?:negociar|negociacion|negotiate|settle(?:ment)?|plan)\b/),

  rule('cant_pay', 0.9, `\\bno\\s(?:tengo|tenemos|hay|cuento con|me queda|nos queda)\\s(?:\\w+\\s){0,2}?(?:ni (?:un|una|1|pa|para)\\b|${MONEY}\\b|como pagar|con que|trabajo|empleo|chamba|pega|laburo|curro|ingresos|recursos|fondos)`),
  rule('cant_pay', 0.85, /\bno\s(?:me\s)?(?:alcanza|da|ajusta|llega)\b|\bno llego a fin de mes\b/),
  rule('cant_pay', 0.9, /\bno\s(?:puedo|podemos|podre|voy a poder|pude|estoy en condiciones de)\s(?:\w+\s)?(?:pagar|pagarlo|pagarla|abonar|consignar|cumplir|pagarles|pagarle)\b/),
  rule('cant_pay', 0.8, /\bno (?:voy a|vamos a|pienso|quiero) (?:\w+ )?(?:pagar|pagarles|pagarle|pagarte|abonar)\b/),
  rule('cant_pay', 0.7, /\bno (?:puedo|podemos|podre)$|\bno puedo(?= (?:ahora|ahorita|este mes|por ahora))/),
  rule('cant_pay', 0.85, /\b(?:imposible|no hay (?:forma|manera|como)) (?:de )?(?:pagar|pagarles|pagarle|cumplir)\b|\b(?:dont|do not|i have no) (?:have )?(?:a )?(?:job|work|income)\b/),
  rule('cant_pay', 0.85, /\b(?:estoy|ando|estamos|andamos|quede|quedamos|sigo) (?:\w+ )?(?:pato|pelad[oa]|pelao|quebrad[oa]|brujas?|en la lona|en la ruina|en la quiebra|tiesos?|tiesas?|limpi[oa]|cort[oa]|apretad[oa]s?|aguja|misi[oa]|sec[oa]|en cero|arrancad[oa]|chiro|sin blanca|endeudad[oa]|ahogad[oa]|desemplead[oa]|cesante|en paro)\b/),
  rule('cant_pay', 0.85, `\\b(?:desemplead[oa]|cesante|sin (?:trabajo|empleo|chamba|pega|curro|laburo|ingresos|un centavo|una luca|un duro|blanca|${MONEY})|me quede sin|en paro|en la lona|quebrad[oa]|en la quiebra|en la ruina|pelad[oa]|pelao|apretad[oa]|corto de|me (?:despidieron|echaron|botaron|corrieron)|perdi (?:el|mi) (?:trabajo|empleo|chamba)|(?:situacion|cosa) (?:esta )?(?:\\w+ )?(?:dura|dificil|complicada|fea|jodida)|broke|unemployed|laid off|out of work|lost my job|no money|tight on (?:money|cash)|short on (?:money|cash)|strapped|(?:cant|cannot|can not|unable to|not able to) (?:pay|afford|make (?:any|the|a|my|this) payments?)|dont have (?:the |any )?(?:money|funds|cash)|no income|money is tight|(?:no puedo|no podre) hacer (?:el|ningun|los) pagos?)\\b`),

  rule('already_paid', 0.95, `\\bya\\s(?:(?:le|te|les|lo|la|se|me|os|nos)\\s)?(?:${PAST_PAY}|se pago|esta pagad[oa]|esta cancelad[oa]|quedo pagad[oa]|quedo saldad[oa])\\b`),
  rule('already_paid', 0.85, /(?<!\bno )(?<!\bque )(?<!\bcuando )(?<!\bsi )\b(?:pague|consigne|transferi|deposite|abone|liquide|salde|yape[ei]|pline[ei]|bizumee|hice (?:el|la) (?:pago|transferencia|consignacion|deposito|bizum|yape)|realice el pago)\b/),
  rule('already_paid', 0.9, /\b(?:esta|quedo|fue|quedaron) (?:pagad[oa]s?|paga|cancelad[oa]s?|saldad[oa]s?)\b|\bpaz y salvo\b/),
  rule('already_paid', 0.9, /\b(?:already (?:paid|sent|made|transferred|did)|i paid|paid (?:it|this|that|already|off|in full)|payment (?:was|has been) (?:made|sent)|sent (?:it|the money|the payment|you)|made (?:the|a) payment)\b/),
  rule('already_paid', 0.6, /\b(?:comprobante|recibo de pago|receipt|confirmation number|voucher|captura|screenshot)\b/),

  rule('dispute', 0.85, /\b(?:no es (?:mia|mio|de mi)|no me (?:pertenece|corresponde)|no reconozco|(?<!\bque )no debo|no le debo|(?:nunca|jamas) (?:saque|pedi|tuve|fui|solicite|abri|firme|he tenido|recibi|use|contrate|compre|active)|no es correct[oa]|incorrect[oa]|no cuadra|no coincide|not correct|incorrect|\b(?:no|not) mi[ao]s?|yo no (?:pedi|saque|solicite|firme|abri|contrate)|(?:yo )?(?:no|nunca|jamas) (?:le |les |os |te )?he (?:sacado|pedido|solicitado|firmado|abierto|contratado|tenido|recibido|usado|comprado)|fraude|robo de identidad|robaron (?:mi|la) identidad|suplantacion|prescri\w*|cobr\w* (?:de mas|doble|dos veces)|indebid\w*|esta mal\b|(?:monto|saldo|valor|cobro) (?:equivocado|errado|inflado)|(?:hay|hubo) un error|es un error|no corresponde|no tengo (?:ninguna )?(?:deuda|cuenta|credito|prestamo) con|not my (?:debt|account|loan)|(?:dont|do not) (?:owe|recognize)|dispute|wrong amount|is wrong|never (?:had|opened|took|signed|heard of|borrowed|used)|not mine|isnt mine|fraud|identity theft|charged twice|double charged|overcharg\w*)\b/),
  rule('dispute', 0.82, /\bno estoy de acuerdo con (?:\w+ ){0,2}(?:cobros?|monto|deuda|saldo|valor|intereses?|cargos?|comision\w*|multas?|cifra|cuenta|cantidad)\b|\bintereses? (?:abusiv|excesiv|inflad)\w*/),
  rule('dispute', 0.85, /\bno (?:la|lo|las|los|se la|se lo) debo\b|\b(?:no|nada) les? debo\b/),
  rule('dispute', 0.7, /\b(?:es una estafa|scam)\b/),

  rule('wrong_person', 0.85, /\bno soy\b(?! (?:de aqui|capaz|responsable))|\b(?:numero|number)\s(?:equivocado|errado|incorrecto)\b|\bequivocad[oa]s?\b|\bse equivoc\w*|\bno conozco\b|\bno vive\b|\bno me llamo\b|\bno es (?:mi|el) (?:numero|nombre)\b|\bno es el numero de\b|\b(?:ya no|no) (?:usa|es de|tiene) este numero\b|\bnumero no es de\b|\bno es (?:aca|aqui)\b|\bno hay (?:nadie|ningun[oa]?)\b|\bnadie (?:se llama|con ese nombre)\b|\b(?:este|mi) numero es nuevo\b|\bcambie de numero\b/),
  rule('wrong_person', 0.85, /\bwrong (?:number|person|#|num|guy|girl|one|lady|dude)(?!\w)|\bi?m not (?!able|going|sure|paying|gonna|interested|working|the one)\w+\b|\bi am not (?!able|going|sure|paying|interested|working)\w+\b|\bdont know (?:who|him|her|that person|this person)\b|\bno one (?:named|by that)\b|\bnobody (?:named|by that|here)\b|\bnot me\b/),
  // Not knowing the person (as opposed to the debt: "never heard of this loan" is a dispute).
  rule('wrong_person', 0.9, /\bnever heard of (?:him|her|them|(?:that|this|the|such an?) (?:person|name|guy|girl|lady|man|woman|dude|individual))\b|\b(?:dont|do not) know (?:anyone|anybody|any one|somebody) (?:named|called|by)\b|\bnunca (?:he )?(?:oido|escuchado) (?:hablar )?de (?:esa persona|ese nombre|ese senor|esa senora|el|ella)\b/),
  rule('wrong_person', 0.85, /\b(?:este|mi|el) (?:numero|celular|cel|telefono|linea|whatsapp) es nuevo\b|\bno es de esa persona\b|\b(?:esa|dicha) persona no\b/),

  rule('human_agent', 0.9, /\b(?:hablar|comunicar\w*|comuniqu\w*|pasa(?:me|nme|r)|paseme|contactar|transferir|conectar\w*)\b.*\b(?:persona|humano|asesor[a]?|agente|alguien|supervisor[a]?|operador[a]?|ejecutiv[oa]|gerente|encargad[oa])\b/),
  rule('human_agent', 0.85, /\b(?:alguien|persona|humano|asesor|agente)\b.*\bhablar\b/),
  rule('human_agent', 0.85, /\b(?:quiero|necesito|prefiero|want|need)\s(?:\w+\s)?(?:una persona|un humano|un asesor|una asesora|un agente|alguien real|a human|a person|an agent|a real person)\b/),
  rule('human_agent', 0.6, /\b(?:eres|es esto|es) un (?:bot|robot|maquina)\b|\b(?:are you|is this) a (?:bot|robot)\b/),
  rule('human_agent', 0.85, /\b(?:atienda|atiendan|atender)\b.*\b(?:persona|humano|asesor[a]?|agente)\b/),
  rule('human_agent', 0.72, /\b(?:asesor[a]?|agente|humano|operador[a]?|ejecutiv[oa]|persona real|alguien real|supervisor)\b/),
  rule('human_agent', 0.68, /\bllam(?:enme|ame|eme|ar|en|adme)\b(?!.*\bno\b)/),
  rule('human_agent', 0.9, /\b(?:talk|speak|chat)\b.*\b(?:human|person|agent|someone|somebody|representative|rep|manager|supervisor|operator)\b/),
  rule('human_agent', 0.75, /\b(?:human|agent|representative|operator|real person|manager|supervisor|call me)\b/),

  rule('opt_out', 0.9, /\bno me (?:vuelvan a |vuelvas a |volvais a )?(?:escriban|escribas|escribais|escribe|manden|mandes|mandeis|envien|contacten|contactes|contacteis|llamen|llames|llameis|molesten|molestes|molesteis|jodan|busquen|escribir|contactar|llamar|molestar|mandar|enviar|hablen|hables|hableis|hablar)\b|\bno (?:escriban|escribas|escribais|contacten|llamen)\b/),
  rule('opt_out', 0.9, /\b(?:dej|par)(?:en|a|e|ad|ar|ame|enme)n? de (?:escribir|molestar|mandar|enviar|llamar|contactar|joder|fregar|insistir|spamear)\w*/),
  rule('opt_out', 0.88, /\b(?:ya )?basta de (?:mensajes|msj|llamadas|molestar|escribir|llamar|acosar|cobrar)\b|\bno (?:me )?(?:acosen|acoses|acoseis)\b/),
  rule('opt_out', 0.85, /\b(?:borr|elimin|quit|sac|saqu)\w* (?:mi|el) (?:numero|contacto|dato)|\b(?:borr|elimin|quit|sac|saqu)(?:a|e|en|ad)?(?:me|nos) (?:de|del)\b|\bdar(?:me)? de baja\b|\bbaja\b/),
  rule('opt_out', 0.9, /\bno quiero (?:recibir|que me) (?:\w+ )?(?:mensajes|mensaje|escriban|escribais|llamen|contacten|sms|whatsapps?)\b|\bno (?:quiero |deseo )?(?:mas|recibir) (?:mensajes|msj|sms|llamadas)\b/),
  rule('opt_out', 0.9, /\b(?:stop|quit) (?:texting|messaging|calling|contacting|sending|bothering)\b|\b(?:do not|dont) (?:contact|text|call|message|bother)\b|\bremove me\b|\b(?:remove|delete|erase) (?:my|this) (?:number|phone number|phone|contact|contact info|info|details|data)\b|\bunsubscribe\b|\bopt out\b|\bleave me alone\b|\btake me off\b/),
  rule('opt_out', 0.75, /\bstop\b/),

  rule('help', 0.8, /\b(?:ayuda|ayudame|help|no entiendo|no entendi|(?:dont|do not) understand|que es esto|what is this|whats this|que significa|quien (?:es|habla|me escribe|son|eres|escribe)|con quien hablo|who (?:is|are) (?:this|you)|whos this|who is texting|para que me (?:escriben|llaman|contactan)|por ?que me (?:escriben|llaman|contactan)|que (?:opciones|puedo hacer|hago|tengo que hacer|debo hacer)|no se que hacer|what (?:are )?(?:my )?options|what can i do|what should i do|how does (?:this|it) work|menu|opciones|explica\w*|como funciona|what do you want|que quieren|what (?:company|business) is this|what company are you|que empresa (?:es|son)|de que (?:me )?(?:hablan|habla|estan hablando|se trata))\b/),
  rule('help', 0.8, /\bde (?:que|donde|parte de quien)\b.*\b(?:escriben|llaman|empresa|habla|es)\b/),
  rule('help', 0.8, /\bpor ?que me (?:estan |esta |siguen |sigue )?(?:escribiendo|llamando|contactando|mandando|buscando)\b/),
  rule('help', 0.5, /\b(?:info|informacion)\b/),

  rule('thanks', 0.9, /\bdios (?:se )?(?:lo |la )?(?:le|te|les)? ?(?:pague|bendiga)\b/),
  rule('thanks', 0.85, /\b(?:gracias|graciass?|thanks|thank you|thank u|thanx|tysm|appreciate\w*|agrade[cz]\w*|muy amables?|dios (?:le|te|les) pague|cheers|xthanks)\b/),

  rule('provide_info', 0.8, /\b(?:mi (?:numero de )?(?:cedula|documento|dni|rut|run|ine|curp|identificacion|fecha de nacimiento|pasaporte|nie|nif)|naci el|my (?:date of birth|dob|birthday|ssn|id)|i was born)\b/),

  rule('abuse', 0.92, `\\b${INSULT}(?!\\w)`),
  rule('abuse', 0.6, /\bxangry\b/),
];
