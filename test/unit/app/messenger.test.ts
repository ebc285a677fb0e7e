import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { makeSesMailer } from '#adapters/aws/platform/sesMailer.ts';
import { makeMessenger } from '#app/communication/messenger.ts';
import type { Inbox, Notification } from '#domain/communication/notification.ts';
import type { EmployeeRecord } from '#domain/people/employee.ts';

function fakes() {
  const notices: { to: Inbox; notice: Omit<Notification, 'id' | 'at' | 'readAt'> }[] = [];
  const keys = new Set<string>();
  const mails: { to: string; subject: string }[] = [];
  const people = new Map<string, EmployeeRecord>([
    ['E1003', { id: 'E1003', locale: 'zh-CN', workEmail: 'li.lei@hongtu.example' } as EmployeeRecord],
    ['E2001', { id: 'E2001', locale: 'en', workEmail: 'anna@hongtu.example' } as EmployeeRecord],
  ]);
  const tell = makeMessenger({
    notifier: {
      notify: async (drafts) =>
        drafts.map(({ to, notification, dedupeKey }) => {
          const key = `${dedupeKey}|${JSON.stringify(to)}`;
          if (dedupeKey && keys.has(key)) return false;
          keys.add(key);
          notices.push({ to, notice: notification });
          return true;
        }),
    },
    mailer: { send: async (mail) => void mails.push(mail) },
    employees: {
      getMany: async (ids) =>
        new Map(ids.flatMap((id) => (people.has(id) ? [[id, people.get(id) as EmployeeRecord]] : []))),
    },
  });
  return { tell, notices, mails };
}

const params = {
  employee: { 'zh-CN': '王芳', en: 'Wang Fang' },
  node: { 'zh-CN': '客户交接', en: 'the customer handover' },
  days: '2',
  deadline: '2026-11-13',
  owed: '3',
};

describe('the messenger', () => {
  it('writes to each person in their language, mails them, and writes both languages to a shared inbox', async () => {
    const { tell, notices, mails } = fakes();
    await tell([{ employeeId: 'E1003' }, { employeeId: 'E2001' }, { shared: 'hr' }], 'node.reminder', params);
    expect(notices.map((n) => n.notice.title)).toEqual([
      '提醒：客户交接还剩 2 天',
      'Reminder: 2 day(s) left for the customer handover',
      '提醒：客户交接还剩 2 天 / Reminder: 2 day(s) left for the customer handover',
    ]);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      ['li.lei@hongtu.example', '提醒：客户交接还剩 2 天'],
      ['anna@hongtu.example', 'Reminder: 2 day(s) left for the customer handover'],
    ]);
  });

  it('tells nobody twice when a retried task sends the same message again', async () => {
    const { tell, notices, mails } = fakes();
    for (let i = 0; i < 3; i++)
      await tell([{ employeeId: 'E1003' }, { employeeId: 'E1003' }], 'node.reminder', params, {
        dedupeKey: 'case|customers|remind|t',
      });
    expect(notices).toHaveLength(1);
    expect(mails).toHaveLength(1);
  });
});

describe('the SES mailer', () => {
  it('sends a plain UTF-8 mail from the configured sender', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm1' });
    await makeSesMailer('hr-noreply@hongtu.example', new SESv2Client({})).send({
      to: 'li.lei@hongtu.example',
      subject: '提醒',
      text: '正文',
    });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      FromEmailAddress: 'hr-noreply@hongtu.example',
      Destination: { ToAddresses: ['li.lei@hongtu.example'] },
      Content: {
        Simple: {
          Subject: { Data: '提醒', Charset: 'UTF-8' },
          Body: { Text: { Data: '正文', Charset: 'UTF-8' } },
        },
      },
    });
  });
});
