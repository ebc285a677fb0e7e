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

  constructor(options: { dataDir?: string; clock: Clock }) {
    this.folder = options.dataDir ? join(options.dataDir, 'outbox') : undefined;
    this.clock = options.clock;
  }

  async send(mail: { to: string; subject: string; text: string }): Promise<void> {
    const at = this.clock.now().toISOString();
    this.sent.push({ ...mail, at });
    if (!this.folder) return;
    mkdirSync(this.folder, { recursive: true });
    const name = `${at.replace(/[:.]/g, '-')}-${mail.to.replace(/[^a-z0-9.@-]/gi, '_')}.eml`;
    writeFileSync(
      join(this.folder, name),
      `Date: ${new Date(at).toUTCString()}\nTo: ${mail.to}\nSubject: ${mail.subject}\nContent-Type: text/plain; charset=utf-8\n\n${mail.text}\n`,
    );
  }
}
