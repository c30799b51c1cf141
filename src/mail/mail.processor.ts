import {
  type BeforeApplicationShutdown,
  Inject,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue, OnQueueFailed, OnQueueStalled, Processor } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import type { TypedConfigService } from '../config/app-config.js';
import { classifySendError, describeSendError, sendErrorCodes } from './mail-errors.js';
import { MAIL_QUEUE, type MailJobData } from './mail.constants.js';
import { eventMailTexts, renderMail } from './mail.renderer.js';
import { MailTransport } from './mail.transport.js';
import { Batcher } from './batcher.js';
import { type ClaimedMail, OutboxStore } from './outbox.store.js';

/** The row is being sent by another worker right now: try again after its claim expires. */
export class ClaimHeldError extends Error {}

/** A temporary SMTP failure; the message names codes only (Bull keeps it in Redis). */
export class RetryableSendError extends Error {}

export type MailOutcome = 'sent' | 'skipped' | 'failed';

/** The domain of the sender address, for Message-IDs. */
export function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'fanevents.local';
}

/**
 * Sends outbox rows. Each job carries only an outbox id; the row is claimed with one
 * conditional UPDATE (which also loads the recipient), so a duplicate job, a second worker or
 * an already-sent row sends nothing. Registered only in roles worker and all.
 */
@Processor(MAIL_QUEUE)
export class MailProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private readonly claims: Batcher<ClaimedMail>;
  private readonly sent: Batcher<never>;
  private readonly from: string;
  private readonly domain: string;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly stuckMs: number;
  private readonly publicUrl: string;

  constructor(
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue<MailJobData>,
    private readonly store: OutboxStore,
    private readonly transport: MailTransport,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    const mail = config.get('mail', { infer: true });
    this.from = mail.from;
    this.domain = messageIdDomain(mail.from);
    this.concurrency = mail.concurrency;
    this.maxAttempts = mail.maxAttempts;
    this.stuckMs = mail.stuckMs;
    this.publicUrl = config.get('app.publicUrl', { infer: true });
    // Jobs run side by side: their claims and sent-marks share statements (see Batcher).
    this.claims = new Batcher((ids) => this.store.claim(ids, this.stuckMs));
    this.sent = new Batcher((ids) => this.store.markSent(ids));
  }

  onApplicationBootstrap(): void {
    // Not @Process(): its concurrency is fixed when the class is declared, ours is configured.
    this.queue
      .process(this.concurrency, (job: Job<MailJobData>) => this.handle(job))
      .catch((err: unknown) =>
        this.logger.error({ err: (err as Error).message }, 'mail processor stopped'),
      );
  }

  /** Lets the jobs in hand finish (and be marked sent) before the pool and database close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    await this.claims.flush();
    await this.sent.flush();
  }

  async handle(job: Job<MailJobData>): Promise<MailOutcome> {
    const id = job.data.id;
    const row = await this.claims.add(id);
    if (!row) {
      // Sent, failed or gone: nothing to do. Mid-send elsewhere: retry once that claim expires.
      if ((await this.store.statusOf(id)) === 'sending') {
        throw new ClaimHeldError('outbox row is being sent by another worker');
      }
      return 'skipped';
    }
    if (row.deletedAt) {
      await this.store.markFailed(id, 'recipient account deleted');
      return 'failed';
    }
    let message;
    try {
      message = await this.compose(row);
    } catch (err) {
      // A template bug or bad data: retrying renders the same thing again.
      await this.store.markFailed(id, `render: ${describeSendError(err)}`);
      this.logger.error(
        { jobId: job.id, kind: row.kind, err: (err as Error).message },
        'mail could not be rendered',
      );
      return 'failed';
    }
    try {
      await this.transport.send(message, id);
    } catch (err) {
      return this.sendFailed(job, row, err);
    }
    await this.sent.add(id);
    return 'sent';
  }

  private async compose(row: ClaimedMail) {
    const data = row.eventTranslations
      ? { ...row.data, i18n: eventMailTexts(row.eventTranslations) }
      : (row.data ?? {});
    const rendered = await renderMail(row.kind, data, {
      recipientName: row.displayName,
      mailId: row.id,
      rowLanguage: row.language,
      userLanguage: row.userLanguage,
      publicUrl: this.publicUrl,
    });
    return {
      from: this.from,
      to: { name: row.displayName, address: row.email },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: rendered.attachments,
      // Stable across retries, so a receiving system can drop a duplicate after a crash.
      messageId: `<${row.id}@${this.domain}>`,
      headers: { 'Content-Language': rendered.language },
    };
  }

  private async sendFailed(
    job: Job<MailJobData>,
    row: ClaimedMail,
    err: unknown,
  ): Promise<MailOutcome> {
    const reason = describeSendError(err);
    const codes = sendErrorCodes(err);
    if (classifySendError(err) === 'permanent') {
      await this.store.markFailed(row.id, reason);
      this.logger.warn({ jobId: job.id, ...codes }, 'mail rejected permanently');
      return 'failed';
    }
    if (row.attempts >= this.maxAttempts) {
      await this.store.markFailed(row.id, `gave up after ${row.attempts} attempts: ${reason}`);
      await job.discard();
    } else {
      await this.store.markRetry(row.id, reason);
    }
    throw new RetryableSendError(
      `temporary send failure ${codes.code ?? ''} ${codes.responseCode ?? ''}`.trim(),
    );
  }

  @OnQueueFailed()
  onFailed(job: Job<MailJobData>, err: Error): void {
    this.logger.warn(
      { jobId: job.id, attemptsMade: job.attemptsMade, reason: err.constructor.name },
      'mail job attempt failed',
    );
  }

  @OnQueueStalled()
  onStalled(job: Job<MailJobData>): void {
    this.logger.warn({ jobId: job.id }, 'mail job stalled (its worker stopped); Bull retries it');
  }
}
