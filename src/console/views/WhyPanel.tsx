import type { TurnWhy } from '../conversation/explainTurns';

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function Data(props: { data: Record<string, unknown> }) {
  const entries = Object.entries(props.data).filter(([key]) => key !== 'inboxId');
  if (entries.length === 0) return null;
  return (
    <span class="data">
      {entries.map(([key, value]) => (
        <span>
          {key}: <code>{show(value)}</code>{' '}
        </span>
      ))}
    </span>
  );
}

/** The why of one bot turn, from the audit trail: interpretation, transitions and guards, effects, templates, flow version. */
export function WhyPanel(props: { why: TurnWhy | undefined; flow: string }) {
  const { why } = props;
  if (!why) return null;
  if (why.silent) return <p class="why-silent">A person had the conversation: the bot stayed silent.</p>;
  return (
    <details class="why">
      <summary>Why the bot answered this way</summary>
      <dl>
        {why.intent ? (
          <>
            <dt>Understood</dt>
            <dd>
              intent <code>{why.intent}</code>
              {why.confidence !== undefined ? `, confidence ${Math.round(why.confidence * 100)}%` : ''}
              {why.source ? `, by ${why.source === 'llm' ? 'the model' : why.source}` : ''}
              {why.llm ? <Data data={why.llm} /> : null}
            </dd>
          </>
        ) : null}
        {why.entities ? (
          <>
            <dt>Entities</dt>
            <dd>
              <Data data={why.entities} />
            </dd>
          </>
        ) : null}
        {why.transitions.length > 0 ? (
          <>
            <dt>State</dt>
            <dd>
              <ol class="transitions">
                {why.transitions.map((t) => (
                  <li>
                    <code>{t.from ?? '(start)'}</code> → <code>{t.to}</code> on <code>{t.trigger}</code> ({t.via})
                    {t.guards.length > 0 ? (
                      <span class="guards">
                        {' '}
                        guards:{' '}
                        {t.guards.map((g) => (
                          <span class={g.passed ? 'guard-pass' : 'guard-fail'}>
                            {g.name} {g.passed ? '✓' : '✗'}{' '}
                          </span>
                        ))}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        ) : null}
        {why.events.length > 0 ? (
          <>
            <dt>Effects and policy</dt>
            <dd>
              <ul class="events">
                {why.events.map((e) => (
                  <li>
                    <code>{e.code}</code> <Data data={e.data} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {why.templates.length > 0 ? (
          <>
            <dt>Templates said</dt>
            <dd>{why.templates.join(', ')}</dd>
          </>
        ) : null}
        <dt>Flow version</dt>
        <dd>
          <code>{props.flow}</code>
        </dd>
      </dl>
    </details>
  );
}
