import { describe, expect, it } from 'vitest';
import { encodedHeader, mailFile } from '#adapters/local/outboxMailer.ts';

/** RFC 2047 encoded words back to text, as a mail program reads them. */
const decoded = (header: string) =>
  Buffer.concat(
    header.split('\r\n ').map((word) => {
      const base64 = /^=\?UTF-8\?B\?([^?]*)\?=$/.exec(word)?.[1];
      if (base64 === undefined) throw new Error(`Not an encoded word: ${word}`);
      return Buffer.from(base64, 'base64');
    }),
  ).toString('utf8');

describe('local mail files', () => {
  it('have From, To, Date and a Subject encoded as RFC 2047 words that decode to the subject', () => {
    const subject = '离职交接已开始：王芳 — 请在 2026-11-13 前完成您负责的客户交接、工作交接报告与团队交接';
    const file = mailFile({
      from: 'HR <hr@hongtu.example>',
      to: 'zhang.wei@hongtu.example',
      subject,
      text: '正文',
      at: '2026-11-02T01:00:00.000Z',
    });
    const [head, body] = file.split('\r\n\r\n');
    const headers = (head ?? '').split(/\r\n(?! )/);
    expect(headers).toContain('From: HR <hr@hongtu.example>');
    expect(headers).toContain('Date: Mon, 02 Nov 2026 01:00:00 +0000');
    const subjectHeader = headers.find((h) => h.startsWith('Subject: '))?.slice('Subject: '.length) ?? '';
    expect(decoded(subjectHeader)).toBe(subject);
    for (const line of (head ?? '').split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(body).toBe('正文\r\n');
    expect(encodedHeader('Handover started: Wang Fang')).toBe('Handover started: Wang Fang');
  });
});
