import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { evidenceChain } from '#domain/evidence/evidence.ts';
import { WriteRejectedError } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/evidenceLog.ts';
import { client, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let evidence: EvidenceLog;

beforeAll(async () => {
  stack = await startTestRuntime();
  evidence = makeEvidenceLog(stack.clients.dynamo, stack.names.tables.evidence, stack.clock);
});
afterAll(() => stack.stop());

const revoked = (employee: string, permission: string) => ({
  actor: 'system',
  action: 'permission.revoked',
  subject: `employee:${employee}`,
  reason: 'resignation submitted',
  details: { permission },
});

const verifyCli = (table: string) =>
  promisify(execFile)(process.execPath, [
    'infra/local/evidenceVerify.ts',
    '--endpoint',
    inject('emulators').dynamodb,
    '--table',
    table,
  ]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );

describe('the evidence log', () => {
  it('never forks under concurrent appenders: 20 writers × 5 entries make one chain of 100', async () => {
    const writers = Array.from({ length: 20 }, (_, w) =>
      (async () => {
        for (let n = 0; n < 5; n++) await evidence.append([revoked(`W${w}`, `p${n}`)]);
      })(),
    );
    await Promise.all(writers);
    const result = await evidence.verify();
    expect(result).toMatchObject({ intact: true, entries: 100 });
  });

  it('commits entries and the change they describe together, or neither', async () => {
    const grantKey = { pk: 'EMP#E77', sk: 'AUTH#GRANT#customer:export' };
    const before = (await evidence.verify()).entries;
    const revoke = {
      Put: {
        TableName: stack.names.tables.hr,
        Item: { ...grantKey, permission: 'customer:export', effect: 'deny' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const written = await evidence.append([revoked('E77', 'customer:export')], { alongside: [revoke] });
    expect(written[0]?.seq).toBe(before + 1);

    // The same revocation again: its condition fails, so no second entry appears either.
    await expect(
      evidence.append([revoked('E77', 'customer:export')], { alongside: [revoke] }),
    ).rejects.toBeInstanceOf(WriteRejectedError);
    expect((await evidence.verify()).entries).toBe(before + 1);
  });

  it('catches a changed entry and names it, here and in npm run evidence:verify', async () => {
    const table = stack.names.tables.evidence;
    expect(await verifyCli(table)).toMatchObject({ code: 0 });

    await stack.clients.dynamo.send(
      new UpdateCommand({
        TableName: table,
        Key: { chain: evidenceChain, seq: 42 },
        UpdateExpression: 'SET details.#p = :p',
        ExpressionAttributeNames: { '#p': 'permission' },
        ExpressionAttributeValues: { ':p': 'nothing-to-see' },
      }),
    );
    expect(await evidence.verify()).toMatchObject({ intact: false, brokenAt: 42, problem: 'hash' });
    const cli = await verifyCli(table);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/broken at entry 42 \(hash\)/);
  });

  it('lists a subject or a case newest first by sequence, also within one instant and across pages', async () => {
    const at = (n: number) => ({ ...revoked('E7777', `p${n}`), caseId: 'R20261102010000aaaaaa' });
    // Appended in several writes, most of them in the same instant; a later instant after them.
    for (let n = 0; n < 30; n += 6) await evidence.append([0, 1, 2, 3, 4, 5].map((i) => at(n + i)));
    stack.clock.advance(1000);
    await evidence.append([at(30), at(31)]);
    const token = await stack.account('E7001', ['hr_admin']);
    const api = client(stack);
    for (const query of ['subject=employee:E7777', 'caseId=R20261102010000aaaaaa']) {
      const { items, sizes } = await readAllPages(api, `/v1/evidence?${query}`, token, 4);
      const permissions = items.map((e) => (e.details as { permission: string }).permission);
      expect(permissions).toEqual(Array.from({ length: 32 }, (_, i) => `p${31 - i}`));
      const seqs = items.map((e) => e.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    }
  });
});
