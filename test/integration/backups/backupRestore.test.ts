import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackupRecords } from '#adapters/aws/backups/backupRecords.ts';
import { makeS3BackupStorage } from '#adapters/aws/backups/backupStorage.ts';
import { makeTableAccess } from '#adapters/aws/backups/tableAccess.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { makeRunBackup } from '#app/backups/backup.ts';
import { BackupIntegrityError, restoreBackup, verifyBackup } from '#app/backups/restore.ts';
import { type BackupManifest, backupId as backupIdOf } from '#domain/backups/backup.ts';
import { tables } from '#infra/data/definitions.ts';
import { createTableInput } from '#infra/local/provision.ts';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import { sha256Hex } from '#kernel/signature.ts';
import type { RawItem, TableAccess } from '#ports/backups/backupStorage.ts';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 6: the table is destroyed; the last backup restores it, verified file by file, and the
 * evidence chain verifies afterwards.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let backupId: string;
let manifest: BackupManifest;
const snapshot: Record<'Hr' | 'Evidence', RawItem[]> = { Hr: [], Evidence: [] };

const keyOf = (item: RawItem) => canonicalJson([item.pk ?? item.chain, item.sk ?? item.seq]);
async function everything(tableAccess: TableAccess, table: string): Promise<RawItem[]> {
  const items: RawItem[] = [];
  await tableAccess.scan(table, { segments: 1 }, async (page) => void items.push(...page));
  return items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}
/** One attribute of an item in DynamoDB JSON. */
const attr = (item: RawItem, name: string, type: 'S' | 'N') =>
  (item[name] as Record<string, string> | undefined)?.[type];
async function linesOf(key: string): Promise<RawItem[]> {
  const stream = await storage().readFile(key);
  const items: RawItem[] = [];
  for await (const line of createInterface({ input: (stream as NodeJS.ReadableStream).pipe(createGunzip()) }))
    if (line) items.push(JSON.parse(line) as RawItem);
  return items;
}
const storage = () => makeS3BackupStorage(stack.clients.s3, stack.names.buckets.backups);
const access = () => makeTableAccess(stack.clients.dynamodb);
const restoreDeps = (tableAccess: TableAccess = access()) => ({
  storage: storage(),
  tables: tableAccess,
  evidence: makeEvidenceLog(stack.clients.dynamo, stack.names.tables.evidence, stack.clock),
  evidenceTable: stack.names.tables.evidence,
});

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1002', 'E1003', 'E1040', 'E1060']) token[id] = await stack.tokenFor(id);
  // Employees, customers with history, an offboarding case, evidence.
  await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
    lastWorkingDay: '2026-11-16',
    reason: 'Leaves',
  });
  await api.change('/v1/customers/C00010', token.E1040 as string, { preferences: '每月回访 Monthly visits' });
  await api.change('/v1/customers/C00010', token.E1040 as string, { preferences: '每周回访 Weekly visits' });
  await stack.catchUp();
});
afterAll(() => stack.stop());

describe('backups', () => {
  it('are requested by those who manage backups, run in the background, and are listed with their counts', async () => {
    expectProblem(await api.post('/v1/backups', token.E1003 as string, undefined), 403);
    const requested = await api.post('/v1/backups', token.E1060 as string, undefined);
    expect(requested.status).toBe(202);
    backupId = String(requested.body.backupId);
    expect(requested.body.status).toBe('requested');
    await stack.catchUp();
    const listed = await api.get('/v1/backups', token.E1040 as string);
    expect(listed.body.items?.[0]).toMatchObject({ backupId, status: 'succeeded', requestedBy: 'E1060' });
    const body = await storage().get(`backups/${backupId}/manifest.json`);
    manifest = JSON.parse(body as string) as BackupManifest;
    expect(listed.body.items?.[0]?.totalItems).toBe(manifest.totalItems);
    expect(manifest.tables.Hr.files.map((f) => f.entityType)).toEqual(
      expect.arrayContaining(['Employee', 'Customer', 'CustomerChange', 'OffboardingCase', 'Resignation']),
    );
    const recorded = await api.get(`/v1/evidence?subject=backup:${backupId}`, token.E1040 as string);
    expect(recorded.body.items?.[0]).toMatchObject({
      action: 'backup.completed',
      details: { totalItems: manifest.totalItems },
    });
  });

  it('check out against their manifest without restoring', async () => {
    const checked = await verifyBackup(storage(), backupId);
    expect(checked).toMatchObject({ backupId, items: manifest.totalItems });
  });

  it('restore destroyed tables identical, item by item (Evidence first), each restore recorded on top of a chain that verifies', async () => {
    snapshot.Hr = (await everything(access(), stack.names.tables.hr)).filter(
      // The backup's own record changes after the copy is taken (it records its completion).
      (item) => keyOf(item) !== canonicalJson([{ S: 'BACKUPS' }, { S: backupId }]),
    );
    snapshot.Evidence = (await everything(access(), stack.names.tables.evidence)).filter(
      (item) => Number((item.seq as { N: string }).N) <= manifest.evidenceHeadSeq,
    );
    for (const [id, name] of [
      ['hr', stack.names.tables.hr],
      ['evidence', stack.names.tables.evidence],
    ] as const) {
      await stack.clients.dynamodb.send(new DeleteTableCommand({ TableName: name }));
      await stack.clients.dynamodb.send(new CreateTableCommand(createTableInput(tables[id], name)));
    }
    // Hr first would be recorded into an empty evidence log, under which the old chain could not be
    // restored: refused, and nothing written.
    const hrRestore = { backupId, table: 'Hr', target: stack.names.tables.hr, actor: 'E1060' } as const;
    await expect(restoreBackup(restoreDeps(), hrRestore)).rejects.toMatchObject({
      code: 'evidence_log_empty',
    });
    expect(await access().isEmpty(stack.names.tables.hr)).toBe(true);

    // Evidence through the Restore function, as an operator would in AWS; bad input first.
    await expect(
      stack.functions.invoke('Restore', { backupId: 'latest', table: 'Users' }),
    ).rejects.toMatchObject({
      fieldIssues: [
        expect.objectContaining({ field: 'backupId' }),
        expect.objectContaining({ field: 'table' }),
      ],
    });
    expect(await access().isEmpty(stack.names.tables.evidence)).toBe(true);
    await stack.functions.invoke('Restore', { backupId, table: 'Evidence', requestedBy: 'E1060' });
    const progress: number[] = [];
    await restoreBackup(restoreDeps(), { ...hrRestore, onProgress: (p) => progress.push(p.written) });
    expect(progress.at(-1)).toBe(manifest.tables.Hr.items);

    // The backup left its own record out ("running" while it copied): restored, it is not there.
    const restoredHr = await everything(access(), stack.names.tables.hr);
    expect(restoredHr.length).toBe(snapshot.Hr.length);
    expect(restoredHr).toEqual(snapshot.Hr);
    const restoredEvidence = await everything(access(), stack.names.tables.evidence);
    expect(
      restoredEvidence.filter((item) => Number(attr(item, 'seq', 'N')) <= manifest.evidenceHeadSeq),
    ).toEqual(snapshot.Evidence);
    expect(
      await makeEvidenceLog(stack.clients.dynamo, stack.names.tables.evidence, stack.clock).verify(),
    ).toMatchObject({ intact: true, entries: manifest.evidenceHeadSeq + 2 });
    // Each restore recorded itself, on top of the restored chain.
    const recorded = await api.get(
      `/v1/evidence?subject=backup:${backupId}&action=backup.restored`,
      token.E1040 as string,
    );
    expect(recorded.body.items).toEqual([
      expect.objectContaining({
        actor: 'E1060',
        seq: manifest.evidenceHeadSeq + 2,
        details: expect.objectContaining({ table: 'Hr', items: manifest.tables.Hr.items }),
      }),
      expect.objectContaining({
        actor: 'E1060',
        seq: manifest.evidenceHeadSeq + 1,
        details: expect.objectContaining({ table: 'Evidence', items: manifest.tables.Evidence.items }),
      }),
    ]);
    // The product works on the restored tables.
    const me = await api.get('/v1/me', token.E1003 as string);
    expect(me.status).toBe(200);
  });

  it('resumes a restore that stopped halfway, and ends identical', async () => {
    const target = `${stack.names.tables.hr}-again`;
    await stack.clients.dynamodb.send(new CreateTableCommand(createTableInput(tables.hr, target)));
    let batches = 0;
    const failing: TableAccess = {
      ...access(),
      async writeBatch(table, items) {
        if (++batches > 1) throw new Error('The connection dropped');
        await access().writeBatch(table, items);
      },
    };
    await expect(
      restoreBackup(restoreDeps(failing), { backupId, table: 'Hr', target, actor: 'E1060' }),
    ).rejects.toThrow('The connection dropped');
    const partial = await everything(access(), target);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(manifest.tables.Hr.items);
    const resumed = await restoreBackup(restoreDeps(), { backupId, table: 'Hr', target, actor: 'E1060' });
    expect(resumed).toMatchObject({ resumed: true, written: manifest.tables.Hr.items });
    expect(await everything(access(), target)).toEqual(snapshot.Hr);
    // Run once more: it knows it is done, and writes nothing.
    const again = await restoreBackup(restoreDeps(failing), {
      backupId,
      table: 'Hr',
      target,
      actor: 'E1060',
    });
    expect(again).toMatchObject({ alreadyRestored: true, total: manifest.tables.Hr.items });
    const recorded = await api.get(
      `/v1/evidence?subject=backup:${backupId}&action=backup.restored`,
      token.E1040 as string,
    );
    expect(
      (recorded.body.items as { details: { target: string } }[]).filter((e) => e.details.target === target),
    ).toHaveLength(1);
  });

  it('refuses a corrupted or truncated file, naming it, before writing anything', async () => {
    const file = manifest.tables.Hr.files.find((f) => f.entityType === 'Customer');
    if (!file) throw new Error('no customer file');
    const original = await storage().readFile(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of original as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    await stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.names.buckets.backups,
        Key: file.key,
        Body: bytes.subarray(0, bytes.length - 20),
      }),
    );
    await expect(verifyBackup(storage(), backupId)).rejects.toThrow(file.key);
    const target = `${stack.names.tables.hr}-refused`;
    await stack.clients.dynamodb.send(new CreateTableCommand(createTableInput(tables.hr, target)));
    const refused = restoreBackup(restoreDeps(), { backupId, table: 'Hr', target, actor: 'E1060' });
    await expect(refused).rejects.toBeInstanceOf(BackupIntegrityError);
    await expect(refused).rejects.toThrow(file.key);
    expect(await access().isEmpty(target)).toBe(true);

    // Same length, one byte changed: the hash catches it.
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] = (flipped[Math.floor(flipped.length / 2)] ?? 0) ^ 0xff;
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: stack.names.buckets.backups, Key: file.key, Body: flipped }),
    );
    await expect(verifyBackup(storage(), backupId)).rejects.toThrow(file.key);
  });

  it('hold every item that was there for the whole window, each as it stood at one moment, and the chain as it stood at the start', async () => {
    const hr = stack.names.tables.hr;
    const before = (await everything(access(), hr)).filter((item) => attr(item, 'pk', 'S') !== 'BACKUPS');
    const preferences = (await api.get('/v1/customers/C00010', token.E1040 as string)).body.preferences;
    let writtenDuringScan = false;
    // HR changes a customer and grants a permission (an evidence entry) while the scan is running.
    const writesMidway: TableAccess = {
      ...access(),
      async scan(table, options, onPage) {
        await access().scan(table, options, async (items) => {
          if (table === hr && !writtenDuringScan) {
            writtenDuringScan = true;
            await api.change('/v1/customers/C00010', token.E1040 as string, {
              preferences: '不再回访 No visits',
            });
            await api.post('/v1/employees/E1003/permissions/customer:export/grant', token.E1040 as string, {
              reason: 'Quarterly report',
            });
          }
          await onPage(items);
        });
      },
    };
    const evidence = makeEvidenceLog(stack.clients.dynamo, stack.names.tables.evidence, stack.clock);
    const taken = await makeRunBackup({
      tables: writesMidway,
      storage: storage(),
      records: makeBackupRecords(stack.clients.dynamo, makeHrTable(stack.clients.dynamo, hr)),
      evidence,
      clock: stack.clock,
      tableNames: { Hr: hr, Evidence: stack.names.tables.evidence },
    })({ requestedBy: 'E1060' });
    if (!taken) throw new Error('The backup did not run');
    expect(writtenDuringScan).toBe(true);

    const backedUp = new Map<string, RawItem>();
    for (const file of taken.tables.Hr.files)
      for (const item of await linesOf(file.key)) backedUp.set(keyOf(item), item);
    for (const item of before) expect(backedUp.has(keyOf(item)), keyOf(item)).toBe(true);
    const customer = backedUp.get(canonicalJson([{ S: 'CUST#C00010' }, { S: 'PROFILE' }]));
    expect([preferences, '不再回访 No visits']).toContain(customer && attr(customer, 'preferences', 'S'));

    // The grant's entry came after the head the backup started from: left out, and the copy verifies.
    const chain = (await Promise.all(taken.tables.Evidence.files.map((file) => linesOf(file.key)))).flat();
    expect(chain.map((item) => Number(attr(item, 'seq', 'N'))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: taken.evidenceHeadSeq }, (_, i) => i + 1),
    );
    const grants = await api.get('/v1/evidence?subject=employee:E1003', token.E1040 as string);
    const grant = (grants.body.items as { seq: number; action: string }[]).find((e) =>
      e.action.startsWith('permission.grant'),
    );
    expect(grant?.seq).toBeGreaterThan(taken.evidenceHeadSeq);
    const target = `${stack.names.tables.evidence}-window`;
    await stack.clients.dynamodb.send(new CreateTableCommand(createTableInput(tables.evidence, target)));
    await restoreBackup(restoreDeps(), {
      backupId: taken.backupId,
      table: 'Evidence',
      target,
      actor: 'E1060',
    });
    expect(await makeEvidenceLog(stack.clients.dynamo, target, stack.clock).verify()).toMatchObject({
      intact: true,
      entries: taken.evidenceHeadSeq,
    });
  });

  it('are made once however often their event is delivered, and verify', async () => {
    const requested = await api.post('/v1/backups', token.E1040 as string, undefined);
    const byRequest = String(requested.body.backupId);
    const request = {
      id: 'request-1',
      'detail-type': 'BackupRequested',
      source: 'hr',
      time: stack.clock.now().toISOString(),
      detail: { backupId: byRequest, requestedBy: 'E1040' },
    };
    const scheduled = {
      id: 'daily-2026-11-28',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-28T18:00:00Z',
      detail: {},
    };
    const bySchedule = backupIdOf(new Date(scheduled.time), sha256Hex(scheduled.id).slice(0, 4));
    // The bus delivers the request too: three runs of it, and two of the scheduled event, at once.
    await Promise.all([
      stack.functions.invoke('Backup', request),
      stack.functions.invoke('Backup', request),
      stack.functions.invoke('Backup', scheduled),
      stack.functions.invoke('Backup', scheduled),
    ]);
    await stack.catchUp();
    for (const id of [byRequest, bySchedule]) {
      await expect(verifyBackup(storage(), id)).resolves.toMatchObject({ backupId: id });
      const completed = await api.get(
        `/v1/evidence?subject=backup:${id}&action=backup.completed`,
        token.E1040 as string,
      );
      expect(completed.body.items, id).toHaveLength(1);
    }
    const listed = (await api.get('/v1/backups?limit=100', token.E1040 as string)).body.items ?? [];
    expect(listed.filter((b) => [byRequest, bySchedule].includes(String(b.backupId)))).toEqual([
      expect.objectContaining({ status: 'succeeded' }),
      expect.objectContaining({ status: 'succeeded' }),
    ]);
  });

  it('are for HR admins and IT only, refused on the next request once revoked; a retry requests one backup; bad input changes nothing', async () => {
    const roles = {
      hr_admin: 'E1040',
      hr: 'E1041',
      manager: 'E1001',
      employee: 'E1003',
      admin_office: 'E1050',
      it_admin: 'E1060',
    };
    for (const [role, id] of Object.entries(roles)) {
      const caller = await stack.tokenFor(id);
      const allowed = role === 'hr_admin' || role === 'it_admin';
      expect((await api.get('/v1/backups?limit=5', caller)).status, role).toBe(allowed ? 200 : 403);
      const requested = await api.post('/v1/backups', caller, undefined, {
        'idempotency-key': `matrix-${role}`,
      });
      expect(requested.status, role).toBe(allowed ? 202 : 403);
    }
    const it = await stack.tokenFor('E1060');
    const count = async () => ((await api.get('/v1/backups?limit=100', it)).body.items ?? []).length;
    const before = await count();
    const key = { 'idempotency-key': 'backup-before-the-upgrade' };
    const first = await api.post('/v1/backups', it, undefined, key);
    const retried = await api.post('/v1/backups', it, undefined, key);
    expect(retried.body.backupId).toBe(first.body.backupId);
    expect(await count()).toBe(before + 1);

    // Several in the same second (the clock here does not move): newest first all the same.
    const asked: string[] = [];
    for (let n = 0; n < 4; n++)
      asked.push(String((await api.post('/v1/backups', it, undefined)).body.backupId));
    const listed = ((await api.get('/v1/backups?limit=100', it)).body.items ?? []).map((b) => b.backupId);
    expect(listed.filter((id) => asked.includes(String(id)))).toEqual([...asked].reverse());
    expect(await count()).toBe(before + 5);

    const withBody = await api.post('/v1/backups', it, { tables: ['Hr'] });
    expectProblem(withBody, 400, 'validation_failed');
    expect(withBody.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    const badLimit = await api.get('/v1/backups?limit=many', it);
    expectProblem(badLimit, 400, 'validation_failed');
    expect(badLimit.body.errors).toEqual([expect.objectContaining({ field: 'query.limit' })]);
    expect(await count()).toBe(before + 5);

    await api.post('/v1/employees/E1060/permissions/backup:manage/revoke', token.E1040 as string, {
      reason: 'Moved to the helpdesk',
    });
    expectProblem(await api.post('/v1/backups', it, undefined), 403);
    expectProblem(await api.get('/v1/backups', it), 403);
  });
});
