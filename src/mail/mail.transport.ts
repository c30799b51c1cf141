import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type Mail } from 'nodemailer';
import type { TypedConfigService } from '../config/app-config.js';

/**
 * SMTP connections per worker process. A local relay answers in well under a millisecond per
 * command, so a handful of pipelined connections keeps up with the queue's concurrency.
 */
export const SMTP_MAX_CONNECTIONS = 8;

export type OutgoingMail = Exclude<Parameters<Mail['sendMail']>[0], undefined> & {
  messageId: string;
};

/**
 * The one nodemailer transport of a process: pooled SMTP when `SMTP_URL` is set, else the dev
 * transport, which writes each e-mail as an `.eml` file under `MAIL_DIR` and logs its path.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Mail;
  private readonly dir?: string;

  constructor(@Inject(ConfigService) config: TypedConfigService) {
    const { smtpUrl, dir, concurrency } = config.get('mail', { infer: true });
    if (smtpUrl) {
      this.transporter = nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: Math.min(SMTP_MAX_CONNECTIONS, concurrency),
        // Reuse connections for many messages: a new SMTP session per e-mail costs ~4x.
        maxMessages: 10_000,
        // Nothing may hang a worker slot: a dead or slow server fails the attempt, which retries.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    } else {
      this.dir = resolve(dir);
      this.transporter = nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      });
    }
  }

  /** Sends (or, in dev, writes) one message; rejects with nodemailer's error when it fails. */
  async send(message: OutgoingMail, fileName: string): Promise<void> {
    const info = (await this.transporter.sendMail(message)) as { message?: unknown };
    if (this.dir && Buffer.isBuffer(info.message)) {
      await mkdir(this.dir, { recursive: true });
      const path = join(this.dir, `${fileName}.eml`);
      await writeFile(path, info.message);
      this.logger.log({ path }, 'e-mail written');
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
