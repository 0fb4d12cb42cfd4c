import { readFileSync, readdirSync } from 'node:fs';

/** CPU time (user + system, ms) used so far by each labelled set of processes. */
export type CpuTimes = Map<string, number>;

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ, 100 on every mainstream kernel). */
const USER_HZ = 100;

/** utime + stime of one process in ms, or 0 when it is gone (or this is not Linux). */
function cpuOf(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return 0;
  }
}

/** Every process whose command name is `comm` (e.g. all PostgreSQL backends). */
function pidsNamed(comm: string): string[] {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && safeRead(`/proc/${entry}/comm`).trim() === comm);
  } catch {
    return [];
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Reads the CPU time used so far by the given processes (by label) and by all processes named `postgres`
 * (labelled 'postgres'; backends that exit between two readings drop out, so keep the connections open). Linux
 * only: elsewhere every figure is 0. Does I/O (reads /proc).
 */
export function readCpuTimes(processes: Record<string, number | undefined>): CpuTimes {
  const times: CpuTimes = new Map();
  for (const [label, pid] of Object.entries(processes)) if (pid !== undefined) times.set(label, cpuOf(pid));
  times.set('postgres', pidsNamed('postgres').reduce((sum, pid) => sum + cpuOf(pid), 0));
  return times;
}

/** CPU ms per unit of work between two readings, by label. Pure. */
export function cpuPerUnit(before: CpuTimes, after: CpuTimes, units: number): Array<{ label: string; ms: number }> {
  return [...after].map(([label, ms]) => ({ label, ms: units > 0 ? (ms - (before.get(label) ?? 0)) / units : 0 }));
}
