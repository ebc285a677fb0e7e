import { createHash } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
const minute = 60_000;

beforeAll(async () => {
  stack = await startTestRuntime();
  await stack.loadDemo();
  await stack.catchUp();
});
afterAll(() => stack.stop());

/**
 * Every item of the Hr table and of the evidence log, as one digest: what "nothing was written" means.
 * HR's inbox is left out: being told of a refused arrival is the point (see `toldHr`).
 */
async function dataDigest(): Promise<{ items: number; sha256: string }> {
  const hash = createHash('sha256');
  let items = 0;
  for (const table of [stack.names.tables.hr, stack.names.tables.evidence]) {
    const all: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await stack.clients.dynamo.send(
        new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      all.push(...(page.Items ?? []).filter((i) => i.pk !== 'INBOX#hr' && i.sk !== 'INBOX#hr'));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const keyOf = (i: Record<string, unknown>) => JSON.stringify([i.pk ?? i.chain, i.sk ?? i.seq]);
    for (const item of all.sort((a, b) => keyOf(a).localeCompare(keyOf(b))))
      hash.update(JSON.stringify(item));
    items += all.length;
  }
  return { items, sha256: hash.digest('hex') };
}

/** HR's inbox: what it was told of failed background steps. */
const toldHr = async () =>
  (
    await stack.clients.dynamo.send(
      new QueryCommand({
        TableName: stack.names.tables.hr,
        KeyConditionExpression: 'pk = :hr',
        FilterExpression: 'kind = :failed',
        ExpressionAttributeValues: { ':hr': 'INBOX#hr', ':failed': 'background.failed' },
      }),
    )
  ).Items ?? [];

const refusal = (fields: string[]) =>
  expect.objectContaining({
    name: 'MalformedInputError',
    issues: expect.arrayContaining(fields.map((field) => expect.objectContaining({ field }))),
  });

describe('what arrives malformed', () => {
  it('an event: every subscriber refuses it by its schema, the workflow it starts fails, and nothing is written', async () => {
    const before = await dataDigest();
    // What a buggy publisher might send: no resignation id, and a last working day that is no date.
    await stack.bus.publish([
      { detailType: 'ResignationSubmitted', detail: { employeeId: 'E1002', lastWorkingDay: 'soon' } },
    ]);
    await stack.catchUp();

    const planner = stack.bus.failures.filter((f) => f.functionId === 'ResignationPlanner');
    expect(planner).toHaveLength(1);
    expect(planner[0]?.error).toEqual(refusal(['resignationId', 'lastWorkingDay']));
    const handovers = [...stack.workflow.executions.values()].filter((e) => e.workflowId === 'Handover');
    expect(handovers).toHaveLength(1);
    // The opening task refuses it (retried), and so does the step that would flag a case for HR.
    expect(handovers[0]).toMatchObject({ status: 'FAILED' });
    expect(handovers[0]?.taskStates).toEqual(expect.arrayContaining(['Open the case', 'Flag for attention']));
    expect(await dataDigest()).toEqual(before);
    // Nobody's resignation to flag, but HR hears of it from each subscriber, with the refusal.
    const told = (await toldHr()).map((n) => String(n.body));
    expect(told.every((body) => body.includes('ResignationSubmitted'))).toBe(true);
    expect(
      told
        .map((body) => /still failed/.exec(body) && body.split(' still failed')[0]?.split('\n').at(-1))
        .sort(),
    ).toEqual(['ResignationPlanner', 'RiskResignationAlert', 'SuccessionResignationAlert']);
  });

  it('a scheduler payload: refused by its schema on each delivery, then dead-lettered; nothing is written', async () => {
    const before = await dataDigest();
    const payload = { employeeId: 'E1002', resignationId: 'R20261102010000a1b2c3', stage: 'everything' };
    await expect(stack.functions.invoke('Revocation', payload)).rejects.toEqual(refusal(['stage']));

    await stack.scheduler.schedule({
      name: 'rev-malformed',
      at: new Date(stack.clock.now().getTime() + minute),
      target: 'Revocation',
      payload,
    });
    for (let delivery = 1; delivery <= 3; delivery++) {
      stack.clock.advance(minute);
      await stack.catchUp();
    }
    const [schedule] = (await stack.scheduler.list()).filter((s) => s.name === 'rev-malformed');
    expect(schedule).toMatchObject({ attempts: 3, deadLetter: true });
    expect(await dataDigest()).toEqual(before);
    expect((await toldHr()).some((n) => String(n.body).includes('stage everything'))).toBe(true);
  });

  it('a workflow task input: each task function refuses what its schema does not describe; nothing is written', async () => {
    const before = await dataDigest();
    await expect(
      stack.functions.invoke('HandoverCase', { action: 'advance', caseId: 'R1', kind: 'Customers!' }),
    ).rejects.toEqual(refusal(['caseId', 'kind']));
    await expect(
      stack.functions.invoke('HandoverCase', {
        action: 'await',
        caseId: 'R20261102010000a1b2c3',
        kind: 'customers',
      }),
    ).rejects.toEqual(refusal(['token']));
    await expect(
      stack.functions.invoke('HandoverCompletion', { action: 'transfer', caseId: 'R20261102010000a1b2c3' }),
    ).rejects.toEqual(refusal(['action']));

    await stack.workflow.start('Handover', 'malformed-input', { detail: { employeeId: 'E1002' } });
    await stack.catchUp();
    expect(stack.workflow.executions.get('malformed-input')).toMatchObject({ status: 'FAILED' });
    expect(await dataDigest()).toEqual(before);
  });
});
