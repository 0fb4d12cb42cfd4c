import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesIn: Counter<'channel'>;
  messagesOut: Counter<'channel' | 'status'>;
  messageProcessingSeconds: Histogram<'outcome'>;
  outboxBacklog: Gauge;
  /** Outbound messages that failed for good, by channel, provider code and reason (PERMANENT, RETRY_BUDGET_EXHAUSTED). */
  outboxFailed: Counter<'channel' | 'code' | 'reason'>;
  /** Rows whose earlier attempt may have reached the provider, by what the provider's list said. */
  outboxReconciled: Counter<'channel' | 'outcome'>;
  /** Outbound rewordings by outcome (reworded, verbatim), and failures by code (LLM.TIMEOUT, REWORD.AMOUNT_MISMATCH …). */
  llmRewords: Counter<'outcome'>;
  llmRewordFailures: Counter<'code'>;
}

/**
 * Creates a fresh Prometheus registry with the service metrics (one per process, passed in; never global).
 * `withDefaults` adds the Node process metrics. No I/O.
 */
export function createMetrics(opts: { withDefaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.withDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    messagesIn: new Counter({ name: 'messages_in_total', help: 'Inbound messages processed', labelNames: ['channel'], registers: [registry] }),
    messagesOut: new Counter({
      name: 'messages_out_total',
      help: 'Outbound messages by final or intermediate status',
      labelNames: ['channel', 'status'],
      registers: [registry],
    }),
    messageProcessingSeconds: new Histogram({
      name: 'message_processing_seconds',
      help: 'Time to process inbox rows in one transaction (interpret, step, write), several conversations at once',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({ name: 'outbox_backlog', help: 'Outbox rows waiting to be sent', registers: [registry] }),
    outboxFailed: new Counter({
      name: 'outbox_failed_total',
      help: 'Outbound messages that failed for good (not retried again), by channel, provider code and reason',
      labelNames: ['channel', 'code', 'reason'],
      registers: [registry],
    }),
    outboxReconciled: new Counter({
      name: 'outbox_reconciled_total',
      help: 'Outbound messages checked with the provider before a resend (already_accepted: not sent again)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    llmRewords: new Counter({ name: 'llm_rewords_total', help: 'Outbound messages offered to the LLM for rewording, by outcome', labelNames: ['outcome'], registers: [registry] }),
    llmRewordFailures: new Counter({
      name: 'llm_reword_failures_total',
      help: 'Rewordings discarded (template sent verbatim), by failure or guardrail violation code',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}
