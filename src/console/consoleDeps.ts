import type { Kysely } from 'kysely';
import type { ComplianceChecker } from '../adapters/compliance/createComplianceChecker';
import type { DB } from '../adapters/db/schema';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import type { FlowSource } from '../ports/flowSource';

/** What the console needs from the composition root (main.ts). */
export interface ConsoleDeps {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  flows: FlowSource;
  /** The compliance gate, for the side panel's next allowed proactive message. */
  compliance: ComplianceChecker;
  /** Minutes a session may sit unused before it ends (config CONSOLE_IDLE_MINUTES). */
  idleMinutes: number;
  /** WhatsApp approved template the composer offers when the 24-hour window is closed (config CONSOLE_REOPEN_TEMPLATE_SID). */
  reopenTemplateSid?: string;
  /** Called after outbox rows are queued (main.ts wakes the outbox sender in an all-in-one process). */
  onOutboxQueued?: () => void;
  /** Called after collection events are queued (an approval decision for the conversation). */
  onEventsQueued?: () => void;
  /** How often the live feed looks for changes while someone is watching (default 1000 ms). */
  liveIntervalMs?: number;
}
