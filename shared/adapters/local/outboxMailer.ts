import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '#kernel/clock.ts';
import type { Mailer } from '#ports/platform/mailer.ts';

export interface SentMail {
  to: string;
  subject: string;
  text: string;
  at: string;
}

/**
 * E-mail on this machine: each mail a file in the outbox folder of the data directory (open it to read
 * what would have been sent), and kept in memory for tests.
 */
export class OutboxMailer implements Mailer {
  readonly sent: SentMail[] = [];
  private readonly folder: string | undefined;
  private readonly clock: Clock;
  private readonly from: string;

  constructor(options: { dataDir?: string; clock: Clock; from?: string }) {
    this.folder = options.dataDir ? join(options.dataDir, 'outbox') : undefined;
    this.clock = options.clock;
    this.from = options.from ?? 'HR <hr-system@localhost>';
  }

  async send(mail: { to: string; subject: string; text: string }): Promise<void> {
    const at = this.clock.now().toISOString();
    this.sent.push({ ...mail, at });
    if (!this.folder) return;
    mkdirSync(this.folder, { recursive: true });
    const name = `${at.replace(/[:.]/g, '-')}-${mail.to.replace(/[^a-z0-9.@-]/gi, '_')}.eml`;
    writeFileSync(join(this.folder, name), mailFile({ ...mail, from: this.from, at }));
  }
}

/** A header's text as RFC 2047 encoded words where it is not plain ASCII: 离职 → =?UTF-8?B?56a76IGM?=. */
export function encodedHeader(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  // At most 39 bytes per word (52 base64 characters: a line within 78), never splitting a character.
  const words: string[] = [];
  let bytes: Buffer[] = [];
  let size = 0;
  for (const char of text) {
    const encoded = Buffer.from(char, 'utf8');
    if (size + encoded.length > 39) {
      words.push(`=?UTF-8?B?${Buffer.concat(bytes).toString('base64')}?=`);
      bytes = [];
      size = 0;
    }
    bytes.push(encoded);
    size += encoded.length;
  }
  words.push(`=?UTF-8?B?${Buffer.concat(bytes).toString('base64')}?=`);
  return words.join('\r\n ');
}

/** The mail as a mail program opens it (RFC 5322): headers, then the UTF-8 text, quoted-printable free. */
export function mailFile(mail: { from: string; to: string; subject: string; text: string; at: string }) {
  return [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Date: ${new Date(mail.at).toUTCString().replace('GMT', '+0000')}`,
    `Subject: ${encodedHeader(mail.subject)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.text,
    '',
  ].join('\r\n');
}
