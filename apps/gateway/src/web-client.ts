import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { firstReads } from '@p2p/contract';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The web client's files: the folder given (WEB_CLIENT_DIR), or the one `npm run build:web` writes,
 * dist/web at the repository's root. A folder given that holds no client stops the start with a
 * sentence; the default one may be missing (an API-only gateway).
 */
export function webClientDir(given?: string): string | null {
  if (given) {
    const dir = path.resolve(given);
    if (!existsSync(path.join(dir, 'index.html'))) {
      throw new Error(
        `Configuration: WEB_CLIENT_DIR is ${dir}, which holds no index.html; build the web client there.`,
      );
    }
    return dir;
  }
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

/** Files the client's build puts at the root beside index.html (not the app's own page paths). */
const ROOT_FILE = /^\/[\w.-]+\.(?:js|css|html|png|svg|webmanifest|txt|ico)$/;

/** A hashed build file never changes under its name; every other file is checked each time. */
function cacheHeaders(res: ServerResponse, file: string): void {
  const name = path.basename(file.replace(/\.(br|gz)$/, ''));
  if (file.includes(`${path.sep}assets${path.sep}`)) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } else {
    res.setHeader('Cache-Control', 'no-cache');
  }
  if (name.endsWith('.html')) res.setHeader('Content-Security-Policy', CSP);
  // The service worker may control the whole board.
  if (name === 'sw.js') res.setHeader('Service-Worker-Allowed', '/');
}

/**
 * Serves the client from the gateway's own origin: build files as they were written, compressed
 * ahead of time (brotli or gzip, whichever the browser takes; express-static-gzip), `/help` as the
 * no-script help page, and every other page path as the app's index.
 */
export function serveWebClient(app: NestExpressApplication, dir: string): void {
  const files = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: { cacheControl: false, fallthrough: true, setHeaders: cacheHeaders },
  });
  const notFound = (res: Response) => res.status(404).type('text/plain').send('There is no such file on this board.');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/socket.io')
    ) {
      return next();
    }
    if (req.path.startsWith('/assets/') || ROOT_FILE.test(req.path)) {
      return files(req, res, () => notFound(res));
    }
    // A page of the app: its index, or the help page that needs no script.
    if (req.path === '/help' || req.path === '/help/') {
      req.url = '/help.html';
    } else {
      // The page's first reads start with the page, not after the script (libs/contract).
      res.setHeader(
        'Link',
        firstReads(req.path).map((href) => `<${href}>; rel=preload; as=fetch; crossorigin`),
      );
      req.url = '/index.html';
    }
    return files(req, res, () => notFound(res));
  });
}
