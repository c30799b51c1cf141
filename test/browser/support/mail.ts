import { type ParsedMail, simpleParser } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** E-mails the server sent, as the SMTP sink of the global setup wrote them. */
export async function readMails(): Promise<ParsedMail[]> {
  const dir = process.env.BROWSER_MAIL_DIR;
  if (!dir) throw new Error('BROWSER_MAIL_DIR is not set: run through playwright.config.ts');
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.eml'))
    .sort();
  return Promise.all(names.map((n) => simpleParser(readFileSync(join(dir, n)))));
}

function sentTo(mail: ParsedMail, email: string): boolean {
  return [mail.to]
    .flat()
    .some((a) => a?.value.some((v) => v.address?.toLowerCase() === email.toLowerCase()));
}

/** Waits for an e-mail to `email` that matches, polling the sink's directory. */
export async function waitForMail(
  email: string,
  matches: (mail: ParsedMail) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMails()).find((m) => sentTo(m, email) && matches(m));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching e-mail to ${email}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The links of an e-mail's plain-text part. */
export function linksOf(mail: ParsedMail): string[] {
  return [...(mail.text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
