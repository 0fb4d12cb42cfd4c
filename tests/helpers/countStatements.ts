import type { Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema';

/** What a counting view of a database has sent so far. */
export interface StatementCounts {
  /** Every statement, raw SQL included. */
  statements: number;
  /** Transactions begun by withConversationTransaction (raw statements starting with BEGIN). */
  transactions: number;
}

/** A view of `db` that counts the statements sent through it (a Kysely plugin sees raw SQL too). Test-only. */
export function countStatements(db: Kysely<DB>): { db: Kysely<DB>; counts: StatementCounts } {
  const counts: StatementCounts = { statements: 0, transactions: 0 };
  const counted = db.withPlugin({
    transformQuery: (args) => {
      counts.statements += 1;
      const node = args.node;
      if (node.kind === 'RawNode' && node.sqlFragments.join('').startsWith('BEGIN')) counts.transactions += 1;
      return node;
    },
    transformResult: async (args) => args.result,
  });
  return { db: counted, counts };
}
