import { type ParsedMail, simpleParser } from 'mailparser';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface SinkBehaviour {
  /** Decide per message: undefined accepts, a number rejects with that SMTP code. */
  reject?: (mail: { to: string[]; attempt: number }) => number | undefined;
  /** Holds each accepted message this long before answering, like a slow relay. */
  delayMs?: number;
}

/** A real SMTP server in-process that parses every accepted message with mailparser. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private attempts = 0;
  private saved = 0;
  private server?: SMTPServer;
  behaviour: SinkBehaviour = {};
  /** The port it listens on, kept so a test can stop it and start it again on the same one. */
  port = 0;

  /** `saveDir`: also write each accepted message there as a `.eml` file (another process reads them). */
  constructor(private readonly options: { saveDir?: string } = {}) {}

  async start(port = 0): Promise<string> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      // Stopping drops pooled client connections at once instead of waiting 30 s for them.
      closeTimeout: 50,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const code = this.behaviour.reject?.({ to, attempt: ++this.attempts });
          if (code) {
            const err = Object.assign(new Error(`test sink rejects with ${code}`), {
              responseCode: code,
            });
            callback(err);
            return;
          }
          const delay = this.behaviour.delayMs ?? 0;
          new Promise((r) => setTimeout(r, delay))
            .then(() => {
              const raw = Buffer.concat(chunks);
              if (this.options.saveDir) {
                const name = `${Date.now()}-${++this.saved}.eml`;
                writeFileSync(join(this.options.saveDir, name), raw);
              }
              return simpleParser(raw);
            })
            .then((parsed) => {
              this.messages.push(parsed);
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    };
    this.server = new SMTPServer(options);
    // A client that dies mid-conversation (a killed worker, a cut proxy) resets its socket;
    // that is the scenario under test, not an error of the sink.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(email: string): ParsedMail[] {
    return this.messages.filter((m) =>
      [m.to]
        .flat()
        .some((a) => a?.value.some((v) => v.address?.toLowerCase() === email.toLowerCase())),
    );
  }

  /** Resolves once `count` messages matched, or rejects after `timeoutMs`. */
  async waitFor(
    predicate: (m: ParsedMail) => boolean,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} matching e-mails, got ${found.length} of ${this.messages.length}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  clear(): void {
    this.messages.length = 0;
    this.attempts = 0;
    this.behaviour = {};
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
