import type pg from 'pg';

/** Distinct statement texts one connection prepares; beyond this, new texts run unprepared. */
const MAX_PREPARED_PER_CONNECTION = 200;
/** Distinct texts whose uses are counted before the count starts over (bounded memory). */
const MAX_COUNTED_TEXTS = 2_000;
/** Uses of a text before it is prepared: one-off statements (migrations, admin queries) never are. */
const USES_BEFORE_PREPARING = 3;

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Put at the start of a statement's text to keep it unprepared: planned afresh on every run. For statements whose
 * best plan depends on their parameter values and the data at that moment (a claim with LIMIT over a queue that
 * grows and drains), where a generic plan, reused whatever the values, went bad under load.
 */
export const PLAN_EACH_TIME = '/* plan each time */';

/**
 * Makes every connection of `pool` prepare the parameterised statements it runs repeatedly (the pipeline's
 * reads and writes, the webhook's inbox insert): from the third use of a text, the connection sends it as a named
 * statement, so PostgreSQL parses and analyses it once per connection and, once a generic plan proves as good,
 * stops planning it too. Parsing and planning had been a quarter of PostgreSQL's CPU under load. A text is matched
 * exactly; statements without parameters (BEGIN, COMMIT, SET) and texts starting with PLAN_EACH_TIME are left
 * alone. Needs a session-mode connection (direct, or a pooler that keeps prepared statements); set
 * DATABASE_PREPARED_STATEMENTS=false otherwise. Does no I/O itself.
 */
export function prepareRepeatedStatements(pool: pg.Pool): void {
  pool.on('connect', (client: pg.PoolClient) => {
    const original = client.query.bind(client) as QueryFn;
    const uses = new Map<string, number>();
    const names = new Map<string, string>();
    let made = 0;
    // A table changed under a prepared statement (a migration by a newer process during a rolling deploy): the
    // statement fails once ("cached plan must not change result type"); forget every name so the next uses prepare
    // afresh under new names, and let the caller's retry (a new transaction) go through.
    const forgetOnStalePlan = (error: unknown) => {
      if (typeof error === 'object' && error !== null && Reflect.get(error, 'code') === '0A000') {
        names.clear();
        uses.clear();
      }
      throw error;
    };
    const query: QueryFn = (...args) => {
      const [text, values, callback] = args;
      if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || text.startsWith(PLAN_EACH_TIME)) return original(...args);
      let name = names.get(text);
      if (name === undefined && names.size < MAX_PREPARED_PER_CONNECTION) {
        const count = (uses.get(text) ?? 0) + 1;
        if (uses.size >= MAX_COUNTED_TEXTS) uses.clear();
        uses.set(text, count);
        if (count >= USES_BEFORE_PREPARING) {
          made += 1;
          name = `pacto_${made}`;
          names.set(text, name);
          uses.delete(text);
        }
      }
      if (name === undefined) return original(...args);
      const config = { name, text, values };
      if (callback !== undefined) return original(config, callback);
      return (original(config) as Promise<unknown>).catch(forgetOnStalePlan);
    };
    Reflect.set(client, 'query', query);
  });
}
