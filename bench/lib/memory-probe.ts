/**
 * Preloaded (`-r`) into a process whose memory bench/memory.ts measures (the gateway, the bare
 * socket.io server). On SIGWINCH it runs a full garbage collection (twice, made available with
 * v8.setFlagsFromString('--expose-gc'), as the process was not started with --expose-gc) and writes
 * process.memoryUsage() to BENCH_MEMORY_FILE. Nest's shutdown hooks take SIGUSR2; SIGWINCH is also
 * what gateway-trace.ts answers, so the two are not used together. With BENCH_HEAP_SNAPSHOTS=<dir>
 * each reading also writes a heap snapshot there (bench/memory.ts BENCH_HEAP_DIFF=1).
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;
const file = process.env.BENCH_MEMORY_FILE;

if (file) {
  process.on('SIGWINCH', () => {
    const t0 = performance.now();
    gc?.();
    gc?.();
    const gcMs = performance.now() - t0;
    const memory = process.memoryUsage();
    const dir = process.env.BENCH_HEAP_SNAPSHOTS;
    const snapshot = dir ? writeHeapSnapshot(`${dir}/${process.pid}-${Date.now()}.heapsnapshot`) : undefined;
    writeFileSync(file, JSON.stringify({ ...memory, gc: Boolean(gc), gcMs, snapshot }));
  });
}
