import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** The web client's files, built by `npm run build:web` into dist/web at the repository's root. */
export function webClientDir(): string | null {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      const web = path.join(dir, 'dist', 'web');
      return existsSync(path.join(web, 'index.html')) ? web : null;
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * The page's own rules: scripts, styles and connections only from this origin, no framing. The
 * client renders server-sanitised HTML for posts, so this is a second lock, not the only one.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the single-page client from the gateway's own origin; every non-API page path gets its index. */
export function serveWebClient(app: NestExpressApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // The service worker: always checked for a newer one, and allowed to control the whole board.
  app.use('/sw.js', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Service-Worker-Allowed', '/');
    res.type('text/javascript').sendFile(path.join(dir, 'sw.js'));
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/socket.io')
    ) {
      return next();
    }
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
