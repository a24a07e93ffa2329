import { BadRequestException, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import webpush, { WebPushError } from 'web-push';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { DeliveryRepository, PushTarget } from './delivery.repository';

/** What a push carries: never post text, never a name (it shows on a lock screen). */
export interface PushPayload {
  title: string;
  body: string;
  /** Where a tap opens, after signing in. */
  url: string;
  /** One notification per item: a repeat replaces, not stacks. */
  tag: string;
  urgent: boolean;
  /** The person's unread notifications, for the app icon's badge: a number, nothing more. */
  unread: number;
}

/**
 * Web Push with the `web-push` library and the board's VAPID keys: from the configuration, or
 * made by the first gateway to start and kept in the database so every gateway signs alike.
 * Only push services named in PUSH_ENDPOINT_HOSTS are ever called: a subscription is an address
 * a browser hands us, and the board must not be made to call anything else.
 */
@Injectable()
export class Pusher implements OnApplicationBootstrap {
  private keys?: { publicKey: string; privateKey: string };

  constructor(
    private readonly delivery: DeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.vapidKeys();
  }

  /** The public key browsers subscribe with. */
  async publicKey(): Promise<string> {
    return (await this.vapidKeys()).publicKey;
  }

  private async vapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
    if (this.keys) return this.keys;
    const { publicKey, privateKey } = this.config.push;
    if (publicKey && privateKey) {
      this.keys = { publicKey, privateKey };
      return this.keys;
    }
    this.keys = await this.delivery.keepVapidKeys(webpush.generateVAPIDKeys());
    return this.keys;
  }

  /** Refuses, in one sentence, an endpoint that is not one of the push services allowed. */
  checkEndpoint(endpoint: string): void {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new BadRequestException('That push subscription has no valid endpoint address.');
    }
    const host = url.hostname.toLowerCase();
    const allowed = this.config.push.endpointHosts.some((h) => host === h || host.endsWith(`.${h}`));
    if (!allowed || url.protocol !== 'https:') {
      throw new BadRequestException('That push subscription is not from a push service this board can use.');
    }
  }

  /** Sends one push; 'gone' when the push service says the subscription no longer exists. */
  async send(target: PushTarget, payload: PushPayload): Promise<'sent' | 'gone'> {
    this.checkEndpoint(target.endpoint);
    const keys = await this.vapidKeys();
    try {
      await webpush.sendNotification(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: { subject: this.config.push.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          urgency: payload.urgent ? 'high' : 'normal',
          timeout: 10_000,
        },
      );
      return 'sent';
    } catch (err) {
      if (err instanceof WebPushError && (err.statusCode === 404 || err.statusCode === 410)) return 'gone';
      throw err;
    }
  }
}
