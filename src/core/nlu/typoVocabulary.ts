/**
 * Words the typo corrector knows (normalised: lowercase, no accents). `targets` are the keywords the intent
 * rules and entity parsers depend on; a misspelt token one edit away from exactly one of them is rewritten to
 * it. `known` are correct words one edit away from a target ("cuando" vs "cuanto", "paguen" vs "pague",
 * "lista" vs "listo") that must never be rewritten; they also let common words skip the fuzzy lookup.
 * `fixed` are short or two-edit misspellings too far for edit distance 1, mapped by hand (whole tokens). Constant data.
 */
export const TYPO_VOCABULARY = {
  targets: [
    // balance questions
    'cuanto', 'cuanta', 'cuantos', 'cuantas', 'debemos', 'deuda', 'deudas', 'saldo', 'pendiente', 'adeudo',
    'balance', 'intereses', 'asciende',
    // paying, promising, plans
    'quiero', 'quisiera', 'necesito', 'pagar', 'pague', 'pagado', 'pagada', 'pagarle', 'consignar', 'consigne',
    'consigno', 'consignacion', 'deposite', 'depositar', 'deposito', 'transferencia', 'transferi', 'transferir',
    'transfiero', 'abonar', 'cancelar', 'liquidar', 'cuotas', 'cuota', 'plazos', 'financiar', 'diferir', 'dividir',
    'acuerdo', 'convenio', 'mensualidades', 'quincena', 'semanal', 'mensual', 'prometo', 'comprometo', 'manana',
    'viernes', 'sabado', 'domingo', 'miercoles', 'jueves', 'martes', 'lunes', 'semana', 'comprobante', 'referencia',
    'payment', 'payments', 'installments', 'already', 'tomorrow', 'friday', 'monday', 'tuesday', 'wednesday',
    'thursday', 'saturday', 'sunday', 'afford',
    // trouble paying, disputes
    'trabajo', 'dinero', 'alcanza', 'desempleado', 'desempleada', 'reconozco', 'incorrecto', 'equivocado',
    'equivocada', 'equivocaron', 'equivocados', 'prescrito', 'fraude', 'intereses',
    // people, channels, verification
    'numero', 'persona', 'asesor', 'asesora', 'humano', 'agente', 'hablar', 'supervisor', 'mensajes', 'escriban',
    'escribir', 'molesten', 'molestar', 'contacten', 'llamen', 'cedula', 'documento', 'nacimiento',
    'identificacion', 'number', 'person', 'human', 'agent', 'representative', 'unsubscribe', 'wrong',
    // courtesy and short replies
    'gracias', 'muchas', 'thanks', 'thank', 'please', 'ayuda', 'ayudame', 'entiendo', 'opciones', 'informacion',
    'correcto', 'perfecto', 'claro', 'listo', 'buenas', 'buenos', 'tardes', 'noches', 'saludos', 'hello',
    'ladrones', 'estafadores',
  ],
  known: [
    'cuando', 'cuenta', 'cuentas', 'cuento', 'cuantia', 'deudor', 'deudora', 'salgo', 'salto', 'salda', 'saldos',
    'quiere', 'quieren', 'quiera', 'quieres', 'necesita', 'necesitan', 'necesitas', 'pagan', 'pagas', 'pagad',
    'pagaba', 'pagare', 'pagues', 'paguen', 'pagados', 'pagadas', 'pagando', 'pagarla', 'pagarlo', 'pagarte',
    'pagarles', 'consigna', 'consignan', 'deposita', 'depositan', 'depositos', 'transfer', 'transfiere',
    'abonos', 'abona', 'cancela', 'cancelo', 'liquida', 'cuotitas', 'plazo', 'financia', 'divide', 'acuerda',
    'acuerdos', 'quincenas', 'semanas', 'semanales', 'mensuales', 'promete', 'prometi', 'compromete', 'manzana',
    'trabaja', 'trabajos', 'trabajar', 'alcanzo', 'alcance', 'equivoco', 'numeros', 'personas', 'personal',
    'asesores', 'humanos', 'agentes', 'hablan', 'hablas', 'hablaba', 'hablo', 'mensaje', 'escriben', 'escribas',
    'escribe', 'molesta', 'molestan', 'molesto', 'contacta', 'contactan', 'llaman', 'llame', 'llamar', 'cedulas',
    'documentos', 'numbers', 'persons', 'humans', 'agents', 'wrongs', 'gracia', 'mucha', 'muchos', 'thinks',
    'think', 'thanked', 'pleased', 'pleas', 'ayude', 'ayudo', 'ayudan', 'entiende', 'entienden', 'correcta',
    'perfecta', 'clara', 'claros', 'lista', 'listas', 'listos', 'buena', 'bueno', 'tarde', 'noche', 'saludo',
    'payday', 'fridays', 'mondays', 'semana', 'abono', 'ahora', 'ahorita', 'hacer', 'tengo', 'puedo', 'puede',
    'pueda', 'pueden', 'todos', 'todas', 'porque', 'tambien', 'entonces', 'donde', 'dinero', 'favor', 'mismo',
    'tiene', 'tienen', 'estoy', 'estamos', 'ustedes', 'usted', 'quien', 'nadie', 'nunca', 'siempre', 'despues',
    'antes', 'cuanto', 'senor', 'senora', 'gracias', 'hasta', 'desde', 'sobre', 'entre', 'there', 'their', 'where',
    'would', 'could', 'should', 'about', 'right', 'today', 'money', 'phone', 'month', 'monthly', 'weekly', 'paying',
    'mande', 'envie', 'realice', 'mandar', 'enviar', 'pasar', 'plata', 'lucas', 'soles', 'pesos', 'euros',
    // Frequent words, listed so they skip the fuzzy lookup.
    'estan', 'estas', 'estaba', 'ahora', 'mucho', 'mucha', 'poder', 'podria', 'podemos', 'hacer', 'hecho', 'tener',
    'tenemos', 'tienes', 'todavia', 'aunque', 'mientras', 'porfavor', 'solo', 'pronto', 'luego', 'menos', 'nuevo',
    'nueva', 'primero', 'primera', 'ultimo', 'ultima', 'ultimos', 'mismo', 'misma', 'otros', 'otras', 'cosas',
    'tiempo', 'ayer', 'noche', 'tarde', 'semana', 'meses', 'credito', 'prestamo', 'tarjeta', 'banco', 'cuenta',
    'total', 'valor', 'monto', 'interes', 'minimo', 'maximo', 'mitad', 'resto', 'parte', 'partes', 'pasado',
    'pasada', 'salvo', 'nones', 'vayanse', 'oigan', 'mire', 'quisiera', 'gustaria', 'seria', 'siento',
    'disculpe', 'perdon', 'perdone', 'problema', 'problemas', 'situacion', 'familia', 'salud', 'hospital',
    'enfermo', 'enferma', 'esposa', 'esposo', 'mama', 'papa', 'hijos', 'trabajo', 'empresa', 'sueldo', 'quincena',
    'dinero', 'efectivo', 'transferencia', 'deposito', 'link', 'enlace', 'mensaje', 'correo', 'whatsapp', 'celular',
    'telefono', 'llamada', 'llamadas', 'escribo', 'escribe', 'mandan', 'mandame', 'envias', 'enviame', 'favor',
    'xaffirm', 'xthanks', 'xangry', 'xdeny', 'xgreet', 'please', 'thanks', 'thank', 'already', 'right', 'going',
    'gonna', 'wanna', 'would', 'could', 'should', 'there', 'these', 'those', 'their', 'which', 'where', 'about',
    'after', 'before', 'again', 'still', 'never', 'really', 'little', 'money', 'check', 'payday', 'month', 'weeks',
    'today', 'tonight', 'tomorrow', 'account', 'amount', 'balance', 'people', 'someone', 'nobody', 'anyone', 'sorry',
    'okay', 'alright', 'sounds', 'great', 'maybe', 'think', 'though', 'because', 'doing', 'being', 'having', 'while',
  ],
  fixed: {
    // Spanish only: "page" is an English word.
    es: {
      page: 'pague', pge: 'pague', pagu: 'pague', nesecito: 'necesito', nesesito: 'necesito', nececito: 'necesito',
      deuad: 'deuda', dueda: 'deuda', cunto: 'cuanto', cuato: 'cuanto', cnto: 'cuanto', gracas: 'gracias',
      grcias: 'gracias', graxias: 'gracias', nmero: 'numero', numro: 'numero', depocite: 'deposite',
      depocito: 'deposito', tranferi: 'transferi', trasferi: 'transferi', plis: 'please', pliz: 'please',
    },
    any: { thnks: 'thanks', thnx: 'thanks', thanx: 'thanks', tks: 'thanks', hw: 'how', wat: 'what', wht: 'what' },
  } satisfies Record<string, Record<string, string>>,
} as const;
