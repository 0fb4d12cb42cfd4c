/**
 * Words and phrases a reworded message may not introduce, by violation code. Patterns are matched against
 * text that has been lower-cased, accent-stripped and homoglyph-folded, so they are written without accents.
 * A term is allowed only when the template text itself contains it. Pure data.
 */
export const FORBIDDEN_TERMS: Readonly<Record<string, readonly string[]>> = {
  'REWORD.THREAT': [
    'carcel', 'prision', 'presos?', 'encarcel\\w*', 'arrest\\w*', 'detenid[oa]s?', 'jail\\w*', 'prison\\w*',
    'policias?', 'police', 'fiscal\\w*', 'denuncia\\w*', 'demanda\\w*', 'lawsuits?', 'sue', 'sued',
    'suing', 'court', 'tribunal\\w*', 'juzgado\\w*', 'juicio', 'abogados?', 'attorneys?', 'lawyers?',
    'embarg\\w*', 'seiz\\w*', 'garnish\\w*', 'incaut\\w*', 'repossess\\w*', 'remate',
    'tu familia', 'sus familiares', 'tus familiares', 'your family', 'family members', 'empleador\\w*',
    'employer', 'tu jefe', 'your boss', 'tu trabajo', 'your workplace', 'vecinos', 'neighbou?rs',
    'centrales de riesgo', 'datacredito', 'buro de credito', 'dicom', 'credit bureaus?', 'consecuencias',
    'consequences', 'te vamos a', 'we will make you', 'lo lamentaras', 'you will regret',
  ],
  'REWORD.INSULT': [
    'idiota\\w*', 'estupid\\w*', 'imbecil\\w*', 'inutil\\w*', 'sinverguenza\\w*', 'ladron\\w*', 'tramposo\\w*',
    'vago', 'pendej\\w*', 'irresponsable\\w*', 'mentiroso\\w*', 'estafador\\w*', 'moroso', 'morosa', 'patetic\\w*',
    'stupid', 'idiots?', 'loser', 'deadbeats?', 'liars?', 'thief', 'thieves', 'worthless', 'irresponsible',
    'pathetic', 'lazy', 'scammer', 'fraudster',
  ],
  'REWORD.FALSE_URGENCY': [
    'ultima oportunidad', 'hoy o nunca', 'last chance', 'final chance', 'immediately or', 'inmediatamente o',
    'de inmediato o', 'ahora mismo o', 'antes de que sea tarde', 'before it\'s too late', 'before it is too late',
    'act now', 'actua ya', 'urgente', 'urgent\\w*', 'solo hoy', 'today only', 'expira hoy', 'expires today',
    'ultimo aviso', 'final notice', 'ultimatum',
  ],
  'REWORD.LEGAL_ADVICE': [
    'asesoria legal', 'asesoramiento legal', 'consejo legal', 'legal advice', 'legally', 'legalmente',
    'tienes derecho a', 'tiene derecho a', 'you have the right to', 'no estas obligad\\w*', 'not obligated',
    'prescri\\w*', 'statute of limitations', 'bancarrota', 'quiebra', 'bankruptcy', 'insolvencia', 'insolvency',
    'te recomiendo no pagar', 'i recommend not paying', 'don\'t pay', 'no pagues',
  ],
  'REWORD.THIRD_PARTY': [
    'otros deudores', 'otras personas', 'otros clientes', 'other debtors', 'other customers', 'other people',
    'tambien debe', 'tambien deben', 'also owes?', 'la deuda de tu', 'la deuda de su', 'your \\w+\'s debt',
    'tu (?:esposo|esposa|pareja|hermano|hermana|madre|padre|hijo|hija|mama|papa) (?:debe|tiene)',
    'your (?:husband|wife|partner|brother|sister|mother|father|son|daughter) (?:owes|has)',
  ],
  'REWORD.PROMPT_LEAK': [
    'system prompt', 'mis instrucciones', 'my instructions', 'instrucciones del sistema', 'system message',
    'mensaje del sistema', 'developer mode', 'modo desarrollador', 'as an ai', 'como ia', 'como modelo de lenguaje',
    'language model', 'pacto-prompt',
  ],
};
