/** María's phone in tests/fixtures/portfolio/maria.csv, in E.164. */
export const mariaPhone = '+573001112233';

/** One turn: what María writes and the replies the bot sends back, in order (one pattern per reply). */
export interface ConversationTurn {
  say: string;
  /** How the transcript keeps what she wrote, when not as typed (a verification answer is stored masked). */
  stored?: string;
  replies: readonly RegExp[];
}

/** What a transcript shows for the turn: as typed, or masked for a verification answer. */
export const storedBody = (turn: ConversationTurn): string => turn.stored ?? turn.say;

/**
 * The conversation every channel's end-to-end test drives for María (maria.csv, imported through the API):
 * greeting → verification → balance → payment link. The same turns, the same replies on Twilio WhatsApp, Baileys,
 * the web simulator and across two service processes.
 */
export const mariaConversation: readonly ConversationTurn[] = [
  {
    say: 'Hola',
    replies: [/^Hola, María\. Te escribe un asistente virtual/, /confírmame los últimos 4 dígitos de tu cédula o tu fecha de nacimiento/],
  },
  {
    say: '1234',
    stored: '••••',
    replies: [/^¡Gracias, María! Ya confirmé tu identidad\. Te escribimos de parte de Banco Andino/, /^¿Qué quieres hacer\?/],
  },
  {
    say: 'cuánto debo',
    replies: [/^Tu saldo pendiente con Banco Andino es de \$\s1\.250\.000, con vencimiento el 15 de septiembre de 2026\.$/, /^¿Hay algo más/],
  },
  {
    say: 'cuál es el link de pago',
    replies: [/\$\s1\.250\.000[\s\S]*\nhttps:\/\/pay\.example\.com\/p\?account=E2E-CO-\d+&amount=1250000\.00&cur=COP&ref=E2E-CO-\d+-\d{4}-\d{2}-\d{2}&sig=[\w-]+$/, /^¿Hay algo más/],
  },
];

