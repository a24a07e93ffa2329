import { ECDH, createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingHttpHeaders } from 'node:http';
import { Server, createServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';

// http_ece (the encryption Web Push uses, RFC 8188) has no type declarations of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as {
  decrypt(buffer: Buffer, params: { version: string; privateKey: ECDH; authSecret: string }): Buffer;
};

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  /** The payload, decrypted with the subscription's own keys: what the device would show. */
  payload: { title: string; body: string; url: string; tag: string; urgent: boolean };
}

/**
 * A push service on 127.0.0.1 for tests, over HTTPS as every real one is (web-push only speaks
 * HTTPS), with a certificate made for the test: a gateway trusts it through NODE_EXTRA_CA_CERTS
 * (caFile). It hands out subscriptions (an endpoint with a browser's key pair, made here), takes
 * the pushes the board sends to them, and decrypts each one as the browser would. A subscription
 * can be marked gone: the service then answers 410, as real ones do.
 */
export class TestPushService {
  readonly received: ReceivedPush[] = [];
  private readonly keys = new Map<string, { ecdh: ECDH; auth: string }>();
  private readonly gone = new Set<string>();
  private server?: Server;
  private port = 0;
  private dir = '';
  /** The certificate's file, for the gateway's NODE_EXTRA_CA_CERTS. */
  caFile = '';

  async start(): Promise<this> {
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      notAfterDate: new Date(Date.now() + 86_400_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    this.dir = mkdtempSync(path.join(tmpdir(), 'p2p-push-'));
    this.caFile = path.join(this.dir, 'push-ca.pem');
    writeFileSync(this.caFile, pems.cert);
    this.server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const where = req.url ?? '';
        const key = this.keys.get(where);
        if (req.method !== 'POST' || !key) return void res.writeHead(404).end();
        if (this.gone.has(where)) return void res.writeHead(410).end();
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: key.ecdh,
          authSecret: key.auth,
        });
        this.received.push({ path: where, headers: req.headers, payload: JSON.parse(plain.toString('utf8')) });
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** A new browser's subscription, as PushSubscription.toJSON() would give it. */
  subscription(): { endpoint: string; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16).toString('base64url');
    const where = `/push/${randomBytes(8).toString('hex')}`;
    this.keys.set(where, { ecdh, auth });
    return {
      endpoint: `https://127.0.0.1:${this.port}${where}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth },
    };
  }

  /** The browser turned alerts off: the service answers 410 Gone from now on. */
  forget(endpoint: string): void {
    this.gone.add(new URL(endpoint).pathname);
  }

  to(endpoint: string): ReceivedPush[] {
    const where = new URL(endpoint).pathname;
    return this.received.filter((r) => r.path === where);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
