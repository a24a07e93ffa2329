import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '../..');

/** A second gateway as a real OS process, from the same sources, on the same database and Redis. */
export async function spawnGateway(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; logLines(): string[]; stop(): Promise<void> }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      SWC_NODE_PROJECT: 'tsconfig.json',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => logLines.push(line));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) throw new Error(`gateway did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    logLines: () => [...logLines],
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RunningCluster {
  /** The one address in front of the gateways. */
  url: string;
  child: ChildProcess;
  /** Each gateway as the script last reported it up (a restarted one gets a new pid). */
  gateways: Map<number, { pid: number; url: string }>;
  output(): string;
  /** SIGTERM, as Ctrl+C or a service manager would; resolves when the script has exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm run cluster` from the sources: the script, its three gateways and its front address. */
export async function spawnCluster(env: Record<string, string>): Promise<RunningCluster> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/cluster.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: 'tsconfig.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const gateways = new Map<number, { pid: number; url: string }>();
  let url: string | undefined;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    output += `${line}\n`;
    const up = /^gateway (\d+) \(pid (\d+)\) is up at (\S+)$/.exec(line);
    if (up) gateways.set(Number(up[1]), { pid: Number(up[2]), url: up[3] });
    url ??= /^P2P Board is running at (\S+)/.exec(line)?.[1];
  });
  const until = Date.now() + 150_000;
  while (!url) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`cluster exited:\n${output}`);
    if (Date.now() > until) {
      child.kill('SIGTERM');
      throw new Error(`cluster did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    gateways,
    output: () => output,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}
