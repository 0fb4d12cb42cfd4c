import type { PathIssue } from '../../yaml/parseYamlFile';
import type { Bucket } from './policyFileSchema';

interface Interval {
  from: number;
  to: number;
}

const dpdOf = (b: Bucket): Interval => ({ from: b.daysPastDue.from, to: b.daysPastDue.to ?? Infinity });
const bandOf = (b: Bucket): Interval => ({ from: b.balance?.fromMinor ?? 0, to: b.balance?.toMinor ?? Infinity });
const intersects = (a: Interval, b: Interval): boolean => a.from <= b.to && b.from <= a.to;
const show = (i: Interval): string => (i.to === Infinity ? `${i.from} and above` : i.from === i.to ? `${i.from}` : `${i.from}–${i.to}`);

function checkRanges(buckets: readonly Bucket[], at: Array<string | number>): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Set<string>();
  buckets.forEach((b, i) => {
    if (seen.has(b.id)) issues.push({ paths: [[...at, i, 'id']], message: `duplicate bucket id "${b.id}": give each bucket its own id` });
    seen.add(b.id);
    const { from, to } = b.daysPastDue;
    if (to !== undefined && from > to) {
      issues.push({ paths: [[...at, i, 'daysPastDue', 'to']], message: `daysPastDue.from (${from}) is greater than to (${to}): swap them or fix the range` });
    }
    const band = b.balance;
    if (band?.toMinor !== undefined && band.fromMinor > band.toMinor) {
      issues.push({ paths: [[...at, i, 'balance', 'toMinor']], message: `balance.fromMinor (${band.fromMinor}) is greater than toMinor (${band.toMinor}): swap them or fix the band` });
    }
  });
  return issues;
}

function checkOverlaps(buckets: readonly Bucket[], at: Array<string | number>): PathIssue[] {
  const issues: PathIssue[] = [];
  buckets.forEach((b, j) => {
    const earlier = buckets.slice(0, j).find((a) => intersects(dpdOf(a), dpdOf(b)) && intersects(bandOf(a), bandOf(b)));
    if (earlier) {
      issues.push({
        paths: [[...at, j, 'daysPastDue']],
        message: `bucket "${b.id}" (days ${show(dpdOf(b))}) overlaps bucket "${earlier.id}" (days ${show(dpdOf(earlier))}): make the ranges meet without sharing a day or a balance`,
      });
    }
  });
  return issues;
}

/** The first uncovered part of [0, ∞) given intervals, or null when they cover it all. */
function firstGap(intervals: Interval[]): Interval | null {
  let cursor = 0;
  for (const interval of [...intervals].sort((a, b) => a.from - b.from)) {
    if (interval.from > cursor) return { from: cursor, to: interval.from - 1 };
    cursor = Math.max(cursor, interval.to + 1);
  }
  return cursor === Infinity ? null : { from: cursor, to: Infinity };
}

function checkGaps(buckets: readonly Bucket[], at: Array<string | number>): PathIssue[] {
  const points = [...new Set(buckets.flatMap((b) => [b.daysPastDue.from, (b.daysPastDue.to ?? Infinity) + 1]).concat(0))]
    .filter((p) => p !== Infinity)
    .sort((a, b) => a - b);
  for (const [k, start] of points.entries()) {
    const end = (points[k + 1] ?? Infinity) - 1;
    const active = buckets.filter((b) => intersects(dpdOf(b), { from: start, to: start }));
    const days = show({ from: start, to: end });
    if (active.length === 0) {
      return [{ paths: [at], message: `no bucket covers ${days} days past due: extend a neighbouring bucket or add one (the last bucket may omit \`to\`)` }];
    }
    const gap = firstGap(active.map(bandOf));
    if (gap) {
      return [{ paths: [at], message: `no bucket covers ${days} days past due with a balance of ${show(gap)} minor units: extend a balance band or add a bucket` }];
    }
  }
  return [];
}

/**
 * Checks a list of days-past-due buckets: ranges the right way round, unique ids, no overlaps and no gaps over
 * days 0..∞ × balances 0..∞. `at` is the list's path in the file. Pure.
 */
export function checkBuckets(buckets: readonly Bucket[], at: Array<string | number>): PathIssue[] {
  const basic = checkRanges(buckets, at);
  if (basic.length > 0) return basic;
  return [...checkOverlaps(buckets, at), ...checkGaps(buckets, at)];
}
