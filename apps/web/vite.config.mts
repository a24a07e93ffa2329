import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import NATIONAL_CRISIS_CONTACTS from '../../libs/contract/src/national-crisis-contacts.json' with { type: 'json' };

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The no-script help page lists the national crisis contacts from the one list the board uses. */
function helpPageContacts(): Plugin {
  const items = NATIONAL_CRISIS_CONTACTS.map(
    (c) =>
      `<li><strong>${escape(c.name)}</strong>` +
      (c.phone ? ` <a href="tel:${escape(c.phone.replace(/\s+/g, ''))}">${escape(c.phone)}</a>` : '') +
      (c.note ? ` <span class="quiet">— ${escape(c.note)}</span>` : '') +
      '</li>',
  ).join('');
  return {
    name: 'help-page-contacts',
    transformIndexHtml: (html) => html.replace('<!--crisis-contacts-->', `<ul class="contacts">${items}</ul>`),
  };
}

/**
 * The web client: Preact (React's API in a fraction of the bytes, for slow connections), built to
 * dist/web and served by the gateway from the same origin, so the session cookie and the socket
 * need no cross-origin exceptions. Two pages: the app (index.html) and a help page that needs no
 * script (help.html, served at /help). Every text file is also written compressed (.br, .gz) for
 * the gateway to send as it is; the service worker (src/sw.ts) keeps the shell and the help page
 * on the device.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: {
    alias: { '@p2p/contract': path.resolve(import.meta.dirname, '../../libs/contract/src/index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [
    helpPageContacts(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'P2P Board',
        short_name: 'P2P Board',
        description: "The members' board of your therapeutic community, between meetings.",
        lang: 'en-GB',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fbfaf7',
        theme_color: '#1d5c63',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
        shortcuts: [{ name: 'Need help now?', short_name: 'Help', url: '/help' }],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg}'],
        globIgnores: ['sw.js'],
      },
    }),
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 512, logLevel: 'silent' }),
  ],
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        index: path.resolve(import.meta.dirname, 'index.html'),
        help: path.resolve(import.meta.dirname, 'help.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
