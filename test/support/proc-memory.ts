import { readFileSync } from 'node:fs';

/**
 * A memory line of /proc/PID/status in MB: VmRSS (resident now) or VmHWM (the most it has been
 * resident since it started, kept by the kernel, so no peak between two samples is missed).
 */
export function procMemoryMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}
