import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { FrontProxy } from './front-proxy';
import { boardUrl, prepareLocalBoard, sayDemoSignIns } from './local-board';

/**
 * `npm run cluster`: three gateway processes behind one address, as a deployment runs them.
 * Like `npm start` it brings up PostgreSQL and Redis when DATABASE_URL / REDIS_URL are not set,
 * migrates and seeds the demo community, once. Then it starts three gateways on free loopback
 * ports, each with its own socket.io Redis adapter and BullMQ workers, and serves them all on
 * PORT through a small proxy (front-proxy.ts; docs/scale-out.md says why a proxy). A gateway that
 * dies is started again; Ctrl+C or SIGTERM stops everything.
 */
const GATEWAYS = 3;
const RESTART_AFTER_MS = 1_000;
/** A gateway that dies this soon after it came up, this many times in a row, is left down. */
const CRASH_WINDOW_MS = 30_000;
const MAX_QUICK_CRASHES = 3;

const say = (line: string) => process.stdout.write(`${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** One gateway process: started from the same build as this script (dist/*.js, or *.ts under swc). */
class Gateway {
  private child?: ChildProcess;
  private upSince = 0;
  private quickCrashes = 0;
  private recent: string[] = [];
  private stopping = false;

  constructor(
    readonly n: number,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const main = path.join(__dirname, '..', 'apps', 'gateway', 'src', `main${path.extname(__filename)}`);
    const child = spawn(process.execPath, [...process.execArgv, main], {
      env: { ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.recent = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.recent = [...this.recent.slice(-19), line];
        say(`[gateway ${this.n}] ${line}`);
      });
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      const healthy = await fetch(`${this.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) break;
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`gateway ${this.n} did not start:\n${this.recent.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    this.upSince = Date.now();
    say(`gateway ${this.n} (pid ${child.pid}) is up at ${this.url}`);
    child.once('exit', (code, signal) => this.onExit(code, signal));
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    // Waiting first also keeps quiet when Ctrl+C reached the gateway a moment before this script.
    setTimeout(() => {
      if (this.stopping) return;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      this.quickCrashes = Date.now() - this.upSince < CRASH_WINDOW_MS ? this.quickCrashes + 1 : 1;
      if (this.quickCrashes > MAX_QUICK_CRASHES) {
        say(`gateway ${this.n} stopped (${how}) again soon after starting; leaving it down, the others carry on.`);
        return;
      }
      say(`gateway ${this.n} stopped unexpectedly (${how}); the others carry on; starting it again`);
      this.start().catch((err: Error) => {
        if (!this.stopping) say(`${err.message}\ngateway ${this.n} is left down; the others carry on.`);
      });
    }, RESTART_AFTER_MS);
  }

  /** SIGTERM: the gateway closes its sockets and drains its workers; SIGKILL if it hangs. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const { config, env, seeded, stopServices } = await prepareLocalBoard(say);

  const ports = await Promise.all(Array.from({ length: GATEWAYS }, () => freePort()));
  const proxy = new FrontProxy({ upstreams: ports.map((port) => ({ host: '127.0.0.1', port })) });
  const frontPort = await proxy.listen(config.port, config.host);
  const url = boardUrl(config.host, frontPort);

  const gatewayEnv: NodeJS.ProcessEnv = {
    ...env,
    // Browsers see the front address, not the gateways' own ports.
    ALLOWED_ORIGINS: env.ALLOWED_ORIGINS || `http://localhost:${frontPort},http://127.0.0.1:${frontPort}`,
    // Behind the proxy every request comes from 127.0.0.1; the proxy says who really asked.
    TRUST_PROXY: 'true',
  };
  const gateways = ports.map((port, i) => new Gateway(i + 1, port, gatewayEnv));

  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: closing sockets, draining workers, stopping the gateways...`);
    const proxyClosed = proxy.close();
    await Promise.all(gateways.map((g) => g.stop()));
    proxy.dropConnections();
    await proxyClosed;
    await stopServices();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    await Promise.all(gateways.map((g) => g.start()));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    await stop('The board could not start', 1);
    return;
  }

  say('');
  say(`P2P Board is running at ${url}  (API ${url}/api, docs ${url}/api/docs)`);
  say(`${GATEWAYS} gateways behind it: ${gateways.map((g) => g.url).join(', ')}`);
  sayDemoSignIns(seeded, say);
}

main().catch((err: unknown) => {
  process.stderr.write(`The board could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
