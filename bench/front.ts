/**
 * The cluster's front proxy (scripts/front-proxy.ts, as `npm run cluster` runs it) in its own
 * process, for bench/cluster.ts: BENCH_UPSTREAMS="port,port,port" on 127.0.0.1; it answers over
 * IPC with its address.
 */
import { FrontProxy } from '../scripts/front-proxy';

const ports = (process.env.BENCH_UPSTREAMS ?? '').split(',').filter(Boolean).map(Number);
const proxy = new FrontProxy({ upstreams: ports.map((port) => ({ host: '127.0.0.1', port })) });

void proxy.listen(0, '127.0.0.1').then((port) => process.send?.({ url: `http://127.0.0.1:${port}` }));

const stop = () => {
  proxy.dropConnections();
  void proxy.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
