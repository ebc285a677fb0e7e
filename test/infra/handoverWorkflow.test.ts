import validator from 'asl-validator';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  advanceNodeTask,
  attentionTask,
  awaitNodeTask,
  completionTask,
  openCaseTask,
} from '#domain/offboarding/handoverTasks.ts';
import { resolveDefinition } from '#infra/local/workflows.ts';
import { type Synthesized, synthesize } from './support/synth.ts';

type State = Record<string, unknown> & { Type: string };
let synth: Synthesized;
let definition: { States: Record<string, State>; TimeoutSeconds: number };
let nodeStates: Record<string, State>;

type Statement = { Action: string | string[]; Resource: unknown };
function statementsOf(functionId: string): Statement[] {
  const fn = synth.statelessStack.functions.get(functionId);
  if (!fn) throw new Error(functionId);
  const roleId = synth.statelessStack.getLogicalId(fn.role.node.defaultChild as CfnElement);
  return Object.values(
    synth.stateless.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
  ).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actions = (statements: Statement[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

beforeAll(() => {
  synth = synthesize();
  const machine = synth.stateless.toJSON().Resources.HandoverWorkflow;
  definition = resolveDefinition(machine.Properties.DefinitionString) as unknown as typeof definition;
  const map = definition.States['Hand over, node by node'] as State & {
    ItemProcessor: { States: Record<string, State> };
  };
  nodeStates = map.ItemProcessor.States;
});

describe('the handover state machine', () => {
  it('is valid ASL (asl-validator), Standard, logs every event but none of its data (personal data stays out of CloudWatch), is traced, and has a time limit', () => {
    const result = validator(definition, { checkArn: false });
    expect(result.errors).toEqual([]);
    synth.stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'HrStateless-Handover',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [Match.anyValue()] },
    });
    expect(definition.TimeoutSeconds).toBe(200 * 24 * 3600);
  });

  it('runs the case’s nodes in parallel, each waiting for a token with the timeout the case gives', () => {
    const map = definition.States['Hand over, node by node'] as State;
    expect([map.Type, map.ItemsPath, map.MaxConcurrency ?? 0]).toEqual(['Map', '$.open.value.nodes', 0]);
    expect(JSON.stringify(map.Catch)).toBe(
      JSON.stringify([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Flag for attention' }]),
    );
    const wait = nodeStates['Wait for confirmation'] as State;
    expect(String(wait.Resource)).toMatch(/lambda:invoke\.waitForTaskToken$/);
    expect([wait.TimeoutSecondsPath, wait.Next]).toEqual(['$.advance.value.waitSeconds', 'Advance the node']);
    expect(JSON.stringify(wait.Catch)).toBe(
      JSON.stringify([{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'Advance the node' }]),
    );
    expect(JSON.stringify(wait.Parameters)).toContain('$$.Task.Token');
    const choice = nodeStates['Node closed?'] as State;
    expect(JSON.stringify([choice.Choices, choice.Default])).toBe(
      JSON.stringify([
        [{ Variable: '$.advance.value.done', BooleanEquals: true, Next: 'Node done' }],
        'Wait for confirmation',
      ]),
    );
  });

  it('hands each task exactly the fields of the schema its function parses that task with', () => {
    const tasks = Object.entries({ ...definition.States, ...nodeStates }).filter(
      ([, s]) => s.Type === 'Task',
    );
    expect(tasks.length).toBeGreaterThanOrEqual(7);
    const schemaOf = (action: string) =>
      ({
        open: openCaseTask,
        advance: advanceNodeTask,
        await: awaitNodeTask,
        attention: attentionTask,
        apply: completionTask,
        report: completionTask,
        complete: completionTask,
      })[action];
    for (const [name, state] of tasks) {
      const payload = (state.Parameters as { Payload: Record<string, unknown> }).Payload;
      const fields = Object.keys(payload).map((k) => k.replace(/\.\$$/, ''));
      const schema = schemaOf(String(payload.action));
      expect(schema, `${name}: action ${String(payload.action)}`).toBeDefined();
      expect(fields.sort(), name).toEqual(Object.keys(schema?.shape ?? {}).sort());
    }
  });

  it('retries every task with backoff, and sends what still fails to HR rather than failing silently', () => {
    const tasks = { ...definition.States, ...nodeStates };
    for (const name of [
      'Open the case',
      'Advance the node',
      'Apply the handovers',
      'Compile the handover report',
      'Complete the case',
    ]) {
      expect(tasks[name]?.Retry, name).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ErrorEquals: ['States.TaskFailed'],
            MaxAttempts: 4,
            BackoffRate: 3,
            IntervalSeconds: 5,
          }),
        ]),
      );
    }
    for (const name of [
      'Open the case',
      'Apply the handovers',
      'Compile the handover report',
      'Complete the case',
    ])
      expect(tasks[name]?.Catch, name).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'Flag for attention' }),
      ]);
    expect(definition.States['Flag for attention']).toMatchObject({ Next: 'Stopped; HR alerted' });
    expect(definition.States['Stopped; HR alerted']).toMatchObject({ Type: 'Fail' });
  });

  it('is started by ResignationSubmitted on the bus, through a role that may start only this machine', () => {
    synth.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['hr'], 'detail-type': ['ResignationSubmitted'] },
      Targets: [
        Match.objectLike({
          Arn: { Ref: 'HandoverWorkflow' },
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
  });

  it('gives each task function and the API only what its part needs', () => {
    const machineRole = Object.values(synth.stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref.startsWith('HandoverWorkflowRole')),
    );
    const invoked = JSON.stringify(machineRole.flatMap((p) => p.Properties.PolicyDocument.Statement));
    expect(invoked).toContain('HandoverCaseFunction');
    expect(invoked).toContain('HandoverCompletionFunction');
    expect(invoked).not.toMatch(/Http[A-Z]\w+Function/);

    const caseTasks = actions(statementsOf('HandoverCase'));
    expect(caseTasks).toEqual(expect.arrayContaining(['states:SendTaskSuccess', 'states:SendTaskFailure']));
    expect(caseTasks).not.toContain('states:StartExecution');
    expect(
      caseTasks.filter((a) => a.startsWith('s3:') || a.startsWith('events:') || a.startsWith('kms:Sign')),
    ).toEqual([]);

    const completion = actions(statementsOf('HandoverCompletion'));
    expect(completion).toEqual(expect.arrayContaining(['s3:PutObject', 'events:PutEvents', 'kms:Sign']));
    expect(completion.filter((a) => a.startsWith('states:'))).toEqual([]);

    const api = statementsOf('HttpOffboarding');
    const start = api.find((s) => actions([s]).includes('states:StartExecution'));
    expect(JSON.stringify(start?.Resource)).toContain(':stateMachine:HrStateless-Handover');
    expect(actions(api)).toContain('s3:GetObject');
    expect(actions(api)).not.toContain('s3:PutObject');
  });
});

describe('mail', () => {
  it('is sent through SES only when the company names a sender, and only from that identity', () => {
    expect(actions(statementsOf('HandoverCase')).filter((a) => a.startsWith('ses:'))).toEqual([]);
    const withMail = synthesize({ context: { mailFrom: 'hr-noreply@hongtu.example' } });
    const fn = withMail.statelessStack.functions.get('HandoverCase');
    if (!fn) throw new Error('HandoverCase');
    const roleId = withMail.statelessStack.getLogicalId(fn.role.node.defaultChild as CfnElement);
    const statements = Object.values(
      withMail.stateless.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    ).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    const ses = statements.find((s) => actions([s]).includes('ses:SendEmail'));
    expect(JSON.stringify(ses?.Resource)).toContain('identity/hr-noreply@hongtu.example');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/hongtu.example');
    withMail.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MAIL_FROM: 'hr-noreply@hongtu.example' }) },
    });
    expect(withMail.violations).toEqual([]);
  });
});
