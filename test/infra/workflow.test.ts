import validator from 'asl-validator';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDefinition } from '#infra/local/workflows.ts';
import { runtimeTestManifest, testWorkflow } from '../integration/support/testManifest.ts';
import { type Synthesized, synthesize } from './support/synth.ts';

let synth: Synthesized;
let definition: { States: Record<string, Record<string, unknown>> };

beforeAll(() => {
  synth = synthesize({ manifest: runtimeTestManifest, workflows: [testWorkflow] });
  const machine = synth.stateless.toJSON().Resources.TestHandoverWorkflow;
  definition = resolveDefinition(machine.Properties.DefinitionString) as unknown as typeof definition;
});

describe('a workflow', () => {
  it('becomes a Standard state machine with a stable logical id, every transition logged without its data, tracing and a time limit', () => {
    synth.stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [Match.anyValue()] },
    });
    expect(synth.stateless.toJSON().Resources.TestHandoverWorkflow).toBeDefined();
    expect(definition).toMatchObject({ TimeoutSeconds: 60 * 24 * 60 * 60 });
  });

  it('synthesizes ASL that asl-validator accepts', () => {
    const result = validator(definition, { checkArn: false });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('catches States.Timeout on token tasks and retries the flaky task', () => {
    const branches = (definition.States.Nodes?.Branches ?? []) as {
      States: Record<string, Record<string, unknown>>;
    }[];
    const states = Object.assign({}, ...branches.map((b) => b.States)) as Record<
      string,
      Record<string, unknown>
    >;
    expect(states['Wait for approval']).toMatchObject({
      TimeoutSeconds: 2 * 24 * 60 * 60,
      Catch: [expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'Remind' })],
    });
    expect(String(states['Wait for approval']?.Resource)).toMatch(/lambda:invoke\.waitForTaskToken"?$/);
    expect(states['Do flaky work']?.Retry).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 30 }),
    ]);
  });

  it('passes cdk-nag, and its role may invoke only the task functions', () => {
    expect(synth.violations).toEqual([]);
    const policies = Object.values(synth.stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref.startsWith('TestHandoverWorkflowRole')),
    );
    const invoked = JSON.stringify(
      policies
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((s: { Action: unknown }) => JSON.stringify(s.Action).includes('lambda:InvokeFunction')),
    );
    expect(invoked).toContain('TestTask');
    expect(invoked).not.toContain('OnResignation');
    expect(invoked).not.toContain('HttpMe');
  });
});
