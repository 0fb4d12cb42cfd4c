import type { InboxRow } from '../../adapters/db/schema';

/** Splits claimed rows into one list per address (channel + from), each in seq order, groups in first-seen order. Pure. */
export function groupByConversation(rows: readonly InboxRow[]): InboxRow[][] {
  const groups = new Map<string, InboxRow[]>();
  for (const row of [...rows].sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)))) {
    const key = `${row.channel}\u0000${row.fromAddress}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}
