import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type Mail } from 'nodemailer';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type { TypedConfigService } from '../config/app-config.js';

/**
 * SMTP connections per worker process. A local relay answers in well under a millisecond per
 * command, so a handful of pipelined connections keeps up with the queue's concurrency.
 */
export const SMTP_MAX_CONNECTIONS = 8;

export type OutgoingMail = MailComposerOptions & { messageId: string };

/**
 * The one nodemailer transport of a process: pooled SMTP when `SMTP_URL` is set, else the dev
 * transport, which writes each e-mail as an `.eml` file under `MAIL_DIR` and logs its path.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  /** Pooled SMTP; absent in dev, where messages are written to files instead. */
  private readonly smtp?: Mail;
  private readonly dir?: string;

  constructor(@Inject(ConfigService) config: TypedConfigService) {
    const { smtpUrl, dir, concurrency } = config.get('mail', { infer: true });
    if (smtpUrl) {
      this.smtp = nodemailer.createTransport({
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
    }
  }

  /** Sends (or, in dev, writes) one message; rejects with nodemailer's error when it fails. */
  async send(message: OutgoingMail, fileName: string): Promise<void> {
    // Composed up front and handed to SMTP as one raw buffer: streamed, nodemailer writes every
    // header and part to the socket separately, and those syscalls cost more than the rest of
    // the send (profiled in bench/mail.bench.mjs).
    const mime = new MailComposer(message).compile();
    const raw = await mime.build();
    if (this.smtp) {
      const { from, to } = mime.getEnvelope();
      await this.smtp.sendMail({ envelope: { from: from || undefined, to }, raw });
      return;
    }
    await mkdir(this.dir!, { recursive: true });
    const path = join(this.dir!, `${fileName}.eml`);
    await writeFile(path, raw);
    this.logger.log({ path }, 'e-mail written');
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}
