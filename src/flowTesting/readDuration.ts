const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds in a duration such as 90s, 30m, 2h or 1d; undefined when the text is not one. Pure. */
export function readDuration(text: string): number | undefined {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const unit = match[2];
  if (unit !== 's' && unit !== 'm' && unit !== 'h' && unit !== 'd') return undefined;
  return Number(match[1]) * UNIT_MS[unit];
}
