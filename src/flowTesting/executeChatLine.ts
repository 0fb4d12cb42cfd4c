import { readDuration } from './readDuration';
import type { ConversationDriver, Turn, TurnInput } from './createConversationDriver';

export const CHAT_HELP = [
  'Type a message as the debtor, or a command:',
  '  /event NAME        send a system event (e.g. /event payment_received)',
  '  /timeout [TIMER]   fire a timer now (default: the one the current state scheduled)',
  '  /advance DURATION  move the clock (90s, 30m, 2h, 1d); due timers fire',
  '  /return DURATION   the conversation ended; write again that much later from the same phone (30m, 2h)',
  '  /timers            list pending timers',
  '  /state             show the session',
  '  /reset             start the conversation again',
  '  /help              this help',
  '  /quit              leave',
].join('\n');

export type ChatLineResult =
  | { kind: 'turn'; turn: Turn }
  | { kind: 'info'; text: string }
  | { kind: 'reset'; turn: Turn }
  | { kind: 'quit' };

/**
 * Runs one line of the chat: a debtor message or a slash command, against the driver. Returns what to show.
 * Pure apart from advancing the driver.
 */
export function executeChatLine(driver: ConversationDriver, line: string): ChatLineResult {
  const text = line.trim();
  if (!text.startsWith('/')) return { kind: 'turn', turn: driver.send({ kind: 'user', text }) };
  const [command = '', ...rest] = text.slice(1).split(/\s+/);
  const arg = rest.join(' ');
  switch (command) {
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    case 'help':
    case '?':
      return { kind: 'info', text: CHAT_HELP };
    case 'reset':
      driver.reset();
      return { kind: 'reset', turn: driver.send({ kind: 'start' }) };
    case 'state':
      return { kind: 'info', text: JSON.stringify(driver.session, null, 2) };
    case 'timers':
      return { kind: 'info', text: listTimers(driver) };
    case 'event':
      return arg ? send(driver, { kind: 'event', name: arg }) : { kind: 'info', text: 'usage: /event NAME (e.g. /event payment_received)' };
    case 'timeout': {
      const timer = arg || `inactivity:${driver.session.state}`;
      return send(driver, { kind: 'timeout', timer });
    }
    case 'advance': {
      const ms = readDuration(arg);
      return ms === undefined ? { kind: 'info', text: 'usage: /advance DURATION (90s, 30m, 2h, 1d)' } : send(driver, { kind: 'advance', ms });
    }
    case 'return': {
      const ms = readDuration(arg);
      if (ms === undefined) return { kind: 'info', text: 'usage: /return DURATION (30m, 2h) after the conversation ended' };
      return driver.session.status === 'ended' ? send(driver, { kind: 'return', ms }) : { kind: 'info', text: 'the conversation has not ended yet: /return starts the next one' };
    }
    default:
      return { kind: 'info', text: `unknown command /${command}; /help lists them` };
  }
}

function send(driver: ConversationDriver, input: TurnInput): ChatLineResult {
  return { kind: 'turn', turn: driver.send(input) };
}

function listTimers(driver: ConversationDriver): string {
  if (driver.timers.size === 0) return 'no pending timers';
  return [...driver.timers].map(([timer, at]) => `${timer} at ${at.toISOString()}`).join('\n');
}
