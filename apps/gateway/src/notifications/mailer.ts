import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, AppConfig } from '../platform/config/config';

/** Sends notification emails through the SMTP server in SMTP_URL (nodemailer). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.mail
      ? nodemailer.createTransport(
          {
            url: config.mail.smtpUrl,
            // A few connections kept open: a burst of alerts does not wait for a handshake each.
            pool: true,
            maxConnections: 5,
            // A slow or silent server fails the attempt; the send is tried again later.
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 20_000,
          } as SMTPPool.Options,
          { from: config.mail.from },
        )
      : null;
  }

  /** Whether email can be sent at all on this board. */
  get available(): boolean {
    return this.transport !== null;
  }

  /** Sends one plain-text email; throws if the server does not take it. */
  async send(to: string, subject: string, text: string, messageId: string): Promise<void> {
    if (!this.transport) throw new Error('No SMTP server is set (SMTP_URL).');
    await this.transport.sendMail({ to, subject, text, messageId });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
