import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { evidenceChain } from '#domain/evidence/evidence.ts';
import { WriteRejectedError } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/evidenceLog.ts';
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
});
