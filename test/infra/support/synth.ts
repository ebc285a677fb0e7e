import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { FunctionDefinition } from '#functions/manifest.ts';
import { buildApp } from '#infra/app.ts';
import type { StatelessStack } from '#infra/stacks/statelessStack.ts';
import type { WorkflowDefinition } from '#infra/workflows/workflowDefinition.ts';
import cdkJson from '../../../cdk.json' with { type: 'json' };

export interface Violation {
  ruleName: string;
  constructs: string[];
}

export interface Synthesized {
  outdir: string;
  stateful: Template;
  stateless: Template;
  /** The stateless stack's nested stack of alarms. */
  alarms: Template;
  /** The stateless stack's nested stack of API routes and their integrations. */
  routes: Template;
  /** The off-site backup stack, when a replica region is configured. */
  replica?: Template;
  statelessStack: StatelessStack;
  violations: Violation[];
}

/** Read from the assembly: Template.fromStack would synthesize again, and fail again on findings. */
const templateIn = (outdir: string, artifactId: string) =>
  Template.fromJSON(JSON.parse(readFileSync(join(outdir, `${artifactId}.template.json`), 'utf8')));

/**
 * Synthesizes the app the way `cdk synth` does (cdk.json context, cdk-nag on), optionally with extra
 * context or another manifest; bundling is skipped unless asked for, since it does not change templates.
 */
export function synthesize(
  options: {
    context?: Record<string, unknown>;
    manifest?: readonly FunctionDefinition[];
    workflows?: readonly WorkflowDefinition[];
    bundle?: boolean;
    /** Changes the app after it is built, before synthesis. */
    amend?: (stacks: ReturnType<typeof buildApp>) => void;
  } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-synth-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJson.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const built = buildApp(app, {
    ...(options.manifest ? { manifest: options.manifest } : {}),
    ...(options.workflows ? { workflows: options.workflows } : {}),
  });
  const { stateful, stateless, replica } = built;
  options.amend?.(built);
  try {
    app.synth();
  } catch (error) {
    // Findings are read from the report below; anything else is a real failure.
    if ((error as Error).name !== 'ValidationFailed') throw error;
  }
  const nested = (id: string) => {
    const stack = stateless.node.findAll().find((c) => c instanceof NestedStack && c.node.id === id);
    if (!stack) throw new Error(`No nested stack ${id}`);
    return Template.fromJSON(
      JSON.parse(readFileSync(join(outdir, (stack as NestedStack).templateFile), 'utf8')),
    );
  };
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
  };
  return {
    outdir,
    stateful: templateIn(outdir, stateful.artifactId),
    stateless: templateIn(outdir, stateless.artifactId),
    alarms: nested('AlarmRules'),
    routes: nested('ApiRoutes'),
    ...(replica ? { replica: templateIn(outdir, replica.artifactId) } : {}),
    statelessStack: stateless,
    violations: report.pluginReports.flatMap((p) =>
      p.violations.map((v) => ({
        ruleName: v.ruleName,
        constructs: v.violatingConstructs.map((c) => c.constructPath),
      })),
    ),
  };
}
