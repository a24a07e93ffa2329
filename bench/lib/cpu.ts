/** CPU: where the two cores went during a phase. */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { round } from './stats';

const CLK_TCK = 100;

/** CPU ticks (user + system) and command name of every process now running. */
function allProcessTicks(): Map<number, { comm: string; ticks: number }> {
  const out = new Map<number, { comm: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime; for PostgreSQL also cutime + cstime, where the postmaster collects the
      // time of backends and parallel workers that ended meanwhile.
      const own = Number(fields[11]) + Number(fields[12]);
      const children = comm === 'postgres' ? Number(fields[13]) + Number(fields[14]) : 0;
      out.set(Number(entry), { comm, ticks: own + children });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function machineTicks(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface CpuReport {
  seconds: number;
  /** Busy share of all cores, 0-100 %. */
  machineBusyPct: number;
  /**
   * CPU time per process group as a share of one core (100 % = one core busy all the time):
   * this process, the named children, PostgreSQL (all backends), Redis, and everything else
   * (other people's work on the machine, the kernel, processes that ended meanwhile).
   */
  processes: Record<string, number>;
}

/** Samples CPU use of the machine and of process groups between start and stop. */
export function cpuMeter(pids: Record<string, number>): { stop(): CpuReport } {
  const t0 = performance.now();
  const m0 = machineTicks();
  const p0 = allProcessTicks();
  const label = (pid: number, comm: string): string => {
    if (pid === process.pid) return 'bench process (clients)';
    for (const [name, p] of Object.entries(pids)) if (p === pid) return name;
    if (comm === 'postgres') return 'postgres';
    if (comm.startsWith('redis-server')) return 'redis';
    return 'everything else';
  };
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const ticks: Record<string, number> = { 'bench process (clients)': 0 };
      for (const name of Object.keys(pids)) ticks[name] = 0;
      Object.assign(ticks, { postgres: 0, redis: 0 });
      let known = 0;
      for (const [pid, now] of allProcessTicks()) {
        const delta = now.ticks - (p0.get(pid)?.ticks ?? 0);
        const name = label(pid, now.comm);
        if (name === 'everything else') continue;
        ticks[name] = (ticks[name] ?? 0) + delta;
        known += delta;
      }
      ticks['everything else'] = Math.max(0, m1.busy - m0.busy - known);
      const processes = Object.fromEntries(
        Object.entries(ticks).map(([k, v]) => [k, round(((v / CLK_TCK) * 100) / seconds, 0)]),
      );
      return {
        seconds: round(seconds, 1),
        machineBusyPct: round(((m1.busy - m0.busy) * 100) / (m1.total - m0.total), 0),
        processes,
      };
    },
  };
}

/** A warning when other work on the machine took a noticeable share during a measurement. */
export function disturbance(c: CpuReport, limitPct = 15): string | null {
  const other = c.processes['everything else'] ?? 0;
  return other > limitPct
    ? `DISTURBED: other work on the machine used ${other} % of a core during this measurement; numbers may be worse than the code alone.`
    : null;
}

export function formatCpu(c: CpuReport): string {
  const procs = Object.entries(c.processes)
    .map(([k, v]) => `${k} ${v} %`)
    .join(', ');
  return `machine ${c.machineBusyPct} % busy over ${c.seconds} s (${os.cpus().length} cores); per process (100 % = one core): ${procs}`;
}
