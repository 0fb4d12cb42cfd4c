import type { CanonicalIntent } from './intents';

/** One intent rule: a pattern over normalised text and how strongly a match signals the intent. */
export interface IntentRule {
  intent: CanonicalIntent;
  weight: number;
  re: RegExp;
}

// Words that only pad a short reply ("si pues", "ok por favor").
const FILL = '(?:pues|po|entonces|por favor|please|senor(?:a|ita)?|amigo|amiga|joven|ya|bueno|que)';
const AFFIRM_WORDS =
  '(?:si|sip|sii|sipo|simon|claro|dale|ok(?:a|ay|ey|i|is|as|idoki)?|listo|vale|va|sale|orale|de acuerdo|acepto|aceptamos|perfecto|correcto|exacto|bueno|ya|ya po|esta bien|ta bien|de una|hagamoslo|me parece|por supuesto|obvio|afirmativo|asi es|confirmo|eso|eso es|yes|yeah|yep|yup|ya|sure|of course|sounds good|deal|agreed|fine|alright|all right|right|correct|ok then|lets do it|good|great|xaffirm)';
const DENY_WORDS =
  '(?:no+|nop|nope|nel|nones|nah|na|negativo|para nada|ni loc[oa]|ni de chiste|ni modo|jamas|nunca|tampoco|no gracias|no thanks|no thank you|no way|no acepto|no quiero|no me interesa|not interested|(?:eso )?no me (?:sirve|conviene|parece)|eso no|de ninguna manera|no puedo aceptar|nada que ver|xdeny)';
const GREET_WORDS =
  '(?:hola|holi|ola|alo|buena+s+|muy buenas|buenos dias|buen dia|(?:buenas|wenas) (?:tardes|noches|dias)|que tal|que mas|que hubo|quiubo|saludos|hi|hello|hey|hey there|good (?:morning|afternoon|evening)|howdy|wena|wenas|que onda|xgreet)';

const rule = (intent: CanonicalIntent, weight: number, re: RegExp): IntentRule => ({ intent, weight, re });

/** A message made only of `core` words and filler, with at least one core word. */
const only = (core: string): RegExp => new RegExp(`^(?:${FILL} )*${core}(?: (?:${core}|${FILL}))*$`);

/** The rules recognizer's table, Spanish and English together (debtors mix them). Constant data. */
export const INTENT_RULES: readonly IntentRule[] = [
  // Whole-message replies: only these words (and filler) make the message.
  rule('affirm', 0.9, only(AFFIRM_WORDS)),
  rule('affirm', 0.55, /^(?:si|claro|dale|ok\w{0,3}|listo|vale|de acuerdo|perfecto|yes|yeah|sure)\b/),
  rule('deny', 0.9, only(DENY_WORDS)),
  rule('deny', 0.5, /^(?:no+|nope|nah|nel)\b/),
  rule('greet', 0.92, only(`(?:${GREET_WORDS}|como (?:esta|estas|estan)|there|all)`)),
  rule('greet', 0.45, new RegExp(`^${GREET_WORDS}\\b`)),
  rule('opt_out', 0.97, /^(?:stop|baja|unsubscribe|unsub|stop all|cancel|end|quit|alto|basta)$/),

  rule('ask_balance', 0.85, /\b(?:cuanto|cuanta|how much|what)\b.*\b(?:debo|debemos|deuda|saldo|total|pendiente|falta|adeud\w*|owe|due|balance|left|intereses)\b/),
  rule('ask_balance', 0.75, /\b(?:saldo|balance|estado de cuenta|payoff|adeud[oa])\b/),
  rule('ask_balance', 0.8, /\b(?:monto|valor|total)\b.*\b(?:deuda|debo|cuenta)\b/),

  rule('pay_now', 0.75, /(?<!\bno )\b(?:quiero|quisiera|deseo|voy a|necesito|vamos a|puedo|como|donde|por donde|me gustaria)\s(?:\w+\s)?(?:pagar|cancelar|liquidar|saldar|consignar|transferir|depositar|pagarlo|pagarla)\b/),
  rule('pay_now', 0.78, /\b(?:como|donde|por donde|a donde|en donde)\s(?:\w+\s)?(?:pago|pagar|consigno|deposito|transfiero|abono|puedo pagar)\b/),
  rule('pay_now', 0.85, /\b(?:link|enlace|liga|boton|medios?|formas?|metodos?|referencia|datos)\s(?:de\s)?pago\b|\bpayment (?:link|options|methods?)\b/),
  rule('pay_now', 0.85, /\bcuenta (?:para|pa|donde|a la que)\b|\ba que cuenta\b|\bdatos (?:para|pa|de) (?:transferir|pagar|consignar|depositar|la transferencia)\b/),
  rule('pay_now', 0.8, /(?<!\bno )\b(?:pagar|pago|pagarlo|liquidar|saldar|cancelar)\s(?:ya|ahora|ahorita|de una|todo|ya mismo|en efectivo|con tarjeta|el total|total|online|en linea|hoy)\b/),
  rule('pay_now', 0.8, /\b(?:pagar|pago|abonar|transferir|depositar) (?:por|con|en|mediante|via|desde) (?:paypal|tarjeta|transferencia|nequi|daviplata|bancolombia|yape|plin|oxxo|spei|bizum|efectivo|pse|zelle|venmo|cash ?app|deposito|el banco|banco|mercado ?pago|linea|internet|la app)\b/),
  rule('pay_now', 0.82, /\b(?:referencia|cuenta|clabe|cbu|numero de cuenta|datos|link|enlace|liga|qr)\b.*\b(?:para|pa) (?:pagar|transferir|depositar|consignar|abonar)\b/),
  rule('pay_now', 0.8, /\b(?:where|how) (?:do|can|should) i (?:send|make) (?:the |a |my )?payment\b|\bhow do i make a payment\b/),
  rule('pay_now', 0.8, /\b(?:want|like|ready|wanna|need|going) to pay\b|\b(?:how|where) (?:can|do|should) i pay\b|\bpay (?:now|today|in full|the full|it all|online|(?:by|with) (?:card|credit|debit))\b/),

  rule('promise_to_pay', 0.78, /\b(?:me comprometo a pagar|le prometo|te prometo|prometo pagar|i promise to pay|i will pay|ill pay|i can pay you on)\b/),

  rule('request_plan', 0.85, /\b(?:cuotas?|cuotitas|plan de pagos?|acuerdo de pago|(?:un|algun|hacer|llegar a un) acuerdo|convenio|financ\w*|refinanc\w*|diferi\w*|fraccion\w*|plazos|en partes|abonos|mensualidades|parcialidades|de a poc\w*|de a poqu\w*|poco a poco|poquito a poquito|installments?|instalments?|facilidad(?:es)? de pago|payment plans?|payment arrangements?|arrangements?|split (?:it|the|into|in)|monthly payments|pay (?:it )?over time)\b/),
  rule('request_plan', 0.6, /\b(?:negociar|negociacion|negotiate|settle(?:ment)?)\b/),

  rule('cant_pay', 0.9, /\bno\s(?:tengo|tenemos|hay|cuento con)\s(?:\w+\s)?(?:plata|dinero|lana|varo|money|un peso|un sol|ni un|trabajo|empleo|chamba|como pagar|con que|recursos|pisto|billete|feria|pasta|guita|ni cinco|ingresos)\b/),
  rule('cant_pay', 0.85, /\bno\s(?:me\s)?(?:alcanza|da|ajusta|llega)\b/),
  rule('cant_pay', 0.9, /\bno\s(?:puedo|podemos|podre|voy a poder|pude|estoy en condiciones de)\s(?:\w+\s)?(?:pagar|pagarlo|pagarla|abonar|consignar|cumplir|pagarles)\b/),
  rule('cant_pay', 0.7, /\bno (?:puedo|podemos|podre)$|\bno puedo(?= (?:ahora|ahorita|este mes|por ahora))/),
  rule('cant_pay', 0.85, /\b(?:desemplead[oa]|sin (?:trabajo|empleo|chamba|plata|dinero|lana|un peso|money|ingresos|un sol|un centavo)|me quede sin|en paro|quebrad[oa]|en la quiebra|en la ruina|pelad[oa]|pelao|apretad[oa]|corto de|broke|unemployed|lost my job|no money|(?:cant|cannot|can not|unable to) (?:pay|afford|make (?:any|the|a|my|this) payments?)|dont have (?:the |any )?money|no income|money is tight|(?:no puedo|no podre) hacer (?:el|ningun|los) pagos?)\b/),

  rule('already_paid', 0.95, /\bya\s(?:(?:le|te|les|lo|la|se|me)\s)?(?:pague|pagamos|consigne|transferi|deposite|abone|cancele|liquide|salde|gire|envie|mande|hice (?:el|la|los) (?:pago|transferencia|consignacion|deposito)|realice|envie|mande|se pago|esta pagad[oa]|esta cancelad[oa]|quedo pagad[oa])\b/),
  rule('already_paid', 0.85, /(?<!\bno )(?<!\bque )\b(?:pague|consigne|transferi|deposite|abone|liquide|salde|hice (?:el|la) (?:pago|transferencia|consignacion|deposito)|realice el pago)\b/),
  rule('already_paid', 0.9, /\b(?:esta|quedo|fue) (?:pagad[oa]|cancelad[oa]|saldad[oa])\b|\bpaz y salvo\b/),
  rule('already_paid', 0.9, /\b(?:already (?:paid|sent|made|transferred|did)|i paid|paid (?:it|this|that|already|off|in full)|payment (?:was|has been) (?:made|sent)|sent (?:it|the money|the payment|you)|made (?:the|a) payment)\b/),
  rule('already_paid', 0.6, /\b(?:comprobante|recibo de pago|receipt|confirmation number)\b/),

  rule('dispute', 0.85, /\b(?:no es (?:mia|mio|de mi)|no me pertenece|no reconozco|(?<!\bque )no debo|(?:nunca|jamas) (?:saque|pedi|tuve|fui|solicite|abri|firme|he tenido)|no es correct[oa]|incorrect[oa]|no cuadra|no coincide|not correct|incorrect|\b(?:no|not) mi[ao]s?|yo no (?:pedi|saque|solicite|firme|abri)|fraude|robo de identidad|robaron (?:mi|la) identidad|suplantacion|prescri\w*|cobr\w* de mas|indebid\w*|esta mal\b|no estoy de acuerdo con (?:el|ese|la|esa|este|esta) (?:cobro|monto|deuda|saldo|valor)|no corresponde|not my debt|(?:dont|do not) owe|dispute|wrong amount|is wrong|never (?:had|opened|took|signed)|not mine|isnt mine|fraud|identity theft)\b/),

  rule('wrong_person', 0.85, /\bno soy\b(?! (?:de aqui|capaz|responsable))|\b(?:numero|number)\s(?:equivocado|errado|incorrecto)\b|\bequivocad[oa]s?\b|\bse equivoc\w*|\bno conozco\b|\bno vive\b|\bno me llamo\b|\bno es (?:mi|el) (?:numero|nombre)\b|\bno es el numero de\b|\b(?:ya no|no) (?:usa|es de|tiene) este numero\b|\bnumero no es de\b|\bno es (?:aca|aqui)\b|\bno hay (?:nadie|ningun[oa]?)\b|\bnadie (?:se llama|con ese nombre)\b/),
  rule('wrong_person', 0.85, /\bwrong (?:number|person|#|num|guy|girl|one)(?!\w)|\bi?m not (?!able|going|sure|paying|gonna|interested|working|the one)\w+\b|\bi am not (?!able|going|sure|paying|interested|working)\w+\b|\bdont know (?:who|him|her|that person|this person)\b|\bno one (?:named|by that)\b/),

  rule('human_agent', 0.9, /\b(?:hablar|comunicar\w*|comuniqu\w*|pasa(?:me|nme|r)|contactar|transferir|conectar\w*)\b.*\b(?:persona|humano|asesor[a]?|agente|alguien|supervisor[a]?|operador[a]?|ejecutiv[oa]|gerente|encargad[oa])\b/),
  rule('human_agent', 0.85, /\b(?:alguien|persona|humano|asesor|agente)\b.*\bhablar\b/),
  rule('human_agent', 0.85, /\b(?:quiero|necesito|prefiero|want|need)\s(?:\w+\s)?(?:una persona|un humano|un asesor|una asesora|un agente|alguien real|a human|a person|an agent|a real person)\b/),
  rule('human_agent', 0.6, /\b(?:eres|es esto|es) un (?:bot|robot|maquina)\b|\b(?:are you|is this) a (?:bot|robot)\b/),
  rule('human_agent', 0.85, /\b(?:atienda|atiendan|atender)\b.*\b(?:persona|humano|asesor[a]?|agente)\b/),
  rule('human_agent', 0.72, /\b(?:asesor[a]?|agente|humano|operador[a]?|ejecutiv[oa]|persona real|alguien real|supervisor)\b/),
  rule('human_agent', 0.68, /\bllam(?:enme|ame|eme|ar|en)\b(?!.*\bno\b)/),
  rule('human_agent', 0.9, /\b(?:talk|speak|chat)\b.*\b(?:human|person|agent|someone|somebody|representative|rep|manager|supervisor|operator)\b/),
  rule('human_agent', 0.75, /\b(?:human|agent|representative|operator|real person|manager|supervisor|call me)\b/),

  rule('opt_out', 0.9, /\bno me (?:vuelvan a |vuelvas a )?(?:escriban|escribas|escribe|manden|mandes|envien|contacten|contactes|llamen|llames|molesten|molestes|jodan|busquen|escribir|contactar|llamar|molestar|mandar|enviar)\b|\bno (?:escriban|escribas|contacten|llamen)\b/),
  rule('opt_out', 0.9, /\bdej(?:en|a|e)n? de (?:escribir|molestar|mandar|enviar|llamar|contactar|joder|fregar)\w*/),
  rule('opt_out', 0.85, /\b(?:borr|elimin|quit|sac)\w* (?:mi|el) (?:numero|contacto|dato)|\bdar(?:me)? de baja\b|\bbaja\b/),
  rule('opt_out', 0.9, /\bno quiero (?:recibir|que me) (?:\w+ )?(?:mensajes|mensaje|escriban|llamen|contacten|sms)\b|\bno (?:quiero |deseo )?(?:mas|recibir) (?:mensajes|msj|sms|llamadas)\b/),
  rule('opt_out', 0.9, /\b(?:stop|quit) (?:texting|messaging|calling|contacting|sending|bothering)\b|\b(?:do not|dont) (?:contact|text|call|message|bother)\b|\bremove me\b|\bunsubscribe\b|\bopt out\b|\bleave me alone\b/),
  rule('opt_out', 0.75, /\bstop\b/),

  rule('help', 0.8, /\b(?:ayuda|ayudame|help|no entiendo|no entendi|(?:dont|do not) understand|que es esto|what is this|whats this|que significa|quien (?:es|habla|me escribe|son|eres|escribe)|con quien hablo|who (?:is|are) (?:this|you)|whos this|who is texting|para que me (?:escriben|llaman|contactan)|por ?que me (?:escriben|llaman|contactan)|que (?:opciones|puedo hacer|hago)|what (?:are )?(?:my )?options|what can i do|menu|opciones|explica\w*|como funciona|what do you want|que quieren|what (?:company|business) is this|what company are you|que empresa (?:es|son)|de que (?:me )?(?:hablan|habla|estan hablando|se trata))\b/),
  rule('help', 0.8, /\bde (?:que|donde|parte de quien)\b.*\b(?:escriben|llaman|empresa|habla|es)\b/),
  rule('help', 0.5, /\b(?:info|informacion)\b/),

  rule('thanks', 0.9, /\bdios (?:se )?(?:lo |la )?(?:le|te|les)? ?(?:pague|bendiga)\b/),
  rule('thanks', 0.85, /\b(?:gracias|graciass?|thanks|thank you|thank u|appreciate|agrade[cz]\w*|muy amables?|dios (?:le|te|les) pague|xthanks)\b/),

  rule('provide_info', 0.8, /\b(?:mi (?:cedula|documento|dni|rut|run|ine|curp|identificacion|fecha de nacimiento)|naci el|my (?:date of birth|dob|birthday|ssn|id)|i was born)\b/),

  rule('abuse', 0.92, /\b(?:hijueputa\w*|hijo(?:s)? de (?:puta|perra)|hp|hdp|hpta|malparid\w*|gonorrea|mierda|put[oa]s?|pendej\w*|cabron\w*|chinga\w*|pinche\w*|verga|culero\w*|conchatumadre|concha de tu madre|conchesumadre|ctm|csm|culiao|culiado|aweonao|huevon\w*|hueon\w*|weones|gilipollas|capullo\w*|imbecil\w*|idiota\w*|estupid\w*|ladron\w*|rateros?|estafadores?|sinverguenza\w*|malnacid\w*|fuck\w*|fck|wtf|stfu|shit\w*|bitch\w*|asshole\w*|bastard\w*|scammers?|thieves|crooks|go to hell|al (?:carajo|diablo)|me cago en)\b/),
  rule('abuse', 0.6, /\bxangry\b/),
];
