/**
 * What the machine does while the timeline bench runs, from Linux /proc: Chromium's share of
 * the CPU against everything else (other sessions on a shared machine show up there), and the
 * resident memory of Chromium's renderer processes.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux builds in practice). */
const USER_HZ = 100;

function chromiumPids(type?: string): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (
        cmdline.includes('chromium') &&
        (type === undefined || cmdline.includes(`--type=${type}`))
      ) {
        pids.push(Number(pid));
      }
    } catch {
      // The process went away while we looked.
    }
  }
  return pids;
}

/** CPU ticks the processes have used (user + system). */
function processTicks(pids: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Gone.
    }
  }
  return ticks;
}

/** Busy CPU ticks of the whole machine (all but idle and iowait). */
function machineTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return [user, nice, system, irq, softirq, steal].reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

export interface CpuShare {
  /** Cores' worth of CPU used by Chromium, and by every other process, over the interval. */
  chromium: number;
  others: number;
}

/** Starts measuring; the returned function answers the shares since then. */
export function cpuMeter(): () => CpuShare {
  const started = process.hrtime.bigint();
  const machineBefore = machineTicks();
  const before = processTicks(chromiumPids());
  return () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = processTicks(chromiumPids());
    let chromium = 0;
    for (const [pid, used] of after) {
      chromium += used - (before.get(pid) ?? 0);
    }
    const machine = machineTicks() - machineBefore;
    const cores = (ticks: number) => ticks / USER_HZ / Math.max(1e-3, seconds);
    return { chromium: cores(chromium), others: Math.max(0, cores(machine - chromium)) };
  };
}

/** Resident memory of Chromium's renderer processes, in MB. */
export function rendererRssMb(): number {
  let total = 0;
  for (const pid of chromiumPids('renderer')) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}
