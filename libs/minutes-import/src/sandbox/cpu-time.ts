// How much CPU a child process has used, as Linux counts it in /proc/<pid>/stat. See parse-sandbox.ts.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The tick rate Linux has used on every common architecture, for when `getconf` cannot be asked. */
const USUAL_CLOCK_TICKS = 100;
let clockTicks: Promise<number> | undefined;

/** Clock ticks per second, the unit of the CPU times in /proc/<pid>/stat: asked of `getconf` once, then kept. */
export function clockTicksPerSecond(): Promise<number> {
  clockTicks ??= new Promise((resolve) => {
    execFile('getconf', ['CLK_TCK'], { timeout: 5_000 }, (error, stdout) => {
      const hz = Number(String(stdout).trim());
      resolve(!error && Number.isInteger(hz) && hz > 0 ? hz : USUAL_CLOCK_TICKS);
    });
  });
  return clockTicks;
}

/**
 * User plus system time, in clock ticks, from the text of a /proc/<pid>/stat file (fields 14 and 15); null when the
 * text does not have them. The command name (field 2) may hold spaces and parentheses, so fields are counted from
 * the last `)`.
 */
export function cpuTicksFromStat(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  // After the name: field 3 (the state) is at index 0, so field 14 is at 11 and field 15 at 12.
  const fields = stat.slice(close + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isInteger(user) && Number.isInteger(system) ? user + system : null;
}

/**
 * The CPU time in ms a process has used, all its threads together; null where /proc/<pid>/stat cannot be read (not
 * Linux, or the process is gone). A read of /proc comes from the kernel's memory and takes microseconds.
 */
export function processCpuMs(pid: number, ticksPerSecond: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const ticks = cpuTicksFromStat(stat);
  return ticks === null ? null : (ticks * 1000) / ticksPerSecond;
}
