import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web client: Preact (React's API in a fraction of the bytes, for slow connections), built to
 * dist/web and served by the gateway from the same origin, so the session cookie and the socket
 * need no cross-origin exceptions.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: {
    alias: { '@p2p/contract': path.resolve(import.meta.dirname, '../../libs/contract/src/index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
