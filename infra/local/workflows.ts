import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import {
  type Asl,
  type LocalWorkflowDefinition,
  prepareLocalWorkflow,
} from '#adapters/local/localWorkflow.ts';
import type { FunctionDefinition } from '#functions/manifest.ts';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../app.ts';
import type { WorkflowDefinition } from '../workflows/workflowDefinition.ts';

const localArn = (logicalId: string) => `arn:aws:lambda:us-east-1:000000000000:function:${logicalId}`;
const pseudo: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::Partition': 'aws',
  'AWS::AccountId': '000000000000',
};

/** Turns the template's DefinitionString (a Fn::Join of text and function ARNs) back into ASL. */
export function resolveDefinition(definition: unknown): Asl {
  if (typeof definition === 'string') return JSON.parse(definition) as Asl;
  const join = (definition as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error('Unexpected DefinitionString shape');
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt && getAtt[1] === 'Arn') return localArn(getAtt[0]);
      const ref = (part as { Ref?: string }).Ref;
      if (ref && pseudo[ref]) return pseudo[ref];
      throw new Error(`A workflow definition refers to ${JSON.stringify(part)}, which has no local stand-in`);
    })
    .join(join[0]);
  return JSON.parse(text) as Asl;
}

/**
 * Synthesizes the CDK app (without bundling or cdk-nag) and reads each workflow's state machine
 * definition, with its Task states mapped to manifest function ids.
 */
export function synthesizeLocalWorkflows(
  manifest: readonly FunctionDefinition[],
  workflows: readonly WorkflowDefinition[],
): LocalWorkflowDefinition[] {
  if (workflows.length === 0) return [];
  const outdir = mkdtempSync(join(tmpdir(), 'hr-local-synth-'));
  try {
    const app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const { stateless } = buildApp(app, { manifest, workflows, nag: false });
    const functionIdByLogicalId = new Map(
      [...stateless.functions].map(([id, fn]) => [
        stateless.getLogicalId(fn.function.node.defaultChild as CfnElement),
        id,
      ]),
    );
    const template = app.synth().getStackByName(stateless.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
    };
    return workflows.map((workflow) => {
      const resource = template.Resources[`${workflow.id}Workflow`];
      if (!resource) throw new Error(`No state machine ${workflow.id}Workflow in the template`);
      return prepareLocalWorkflow(
        workflow.id,
        resolveDefinition(resource.Properties.DefinitionString),
        (arn) => {
          const id = functionIdByLogicalId.get(arn.split(':').pop() ?? '');
          if (!id) throw new Error(`Task resource ${arn} is not a manifest function`);
          return id;
        },
      );
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
