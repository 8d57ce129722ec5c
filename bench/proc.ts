import fs from 'node:fs';

// Another process's memory and CPU time, read from the kernel (Linux `/proc`): what the process costs, not what
// V8 inside it reports.

export interface ProcMemory {
  /** Resident set size now. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM). */
  peakRssMb: number;
}

/** VmRSS and VmHWM of a `/proc/<pid>/status` text (kB in the file). */
export function parseProcStatus(text: string): ProcMemory {
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    if (!match) throw new Error(`/proc status has no ${field} line`);
    return Number(match[1]);
  };
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

export function procMemory(pid: number | 'self'): ProcMemory {
  return parseProcStatus(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** Kernel clock ticks per second for `/proc/<pid>/stat` times (USER_HZ, 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a `/proc/<pid>/stat` line (fields 14 and 15, counted after the command name). */
export function parseProcStat(text: string): number {
  // The command name is in parentheses and may hold spaces: count fields from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error('/proc stat line without CPU times');
  return (utime + stime) / TICKS_PER_SECOND;
}

export function procCpuSeconds(pid: number | 'self'): number {
  return parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
}
