import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionDefinition } from '#functions/manifest.ts';
import { readDeploymentConfig } from './config.ts';
import { BackupReplicaStack } from './stacks/backupReplicaStack.ts';
import { StatefulStack } from './stacks/statefulStack.ts';
import { StatelessStack } from './stacks/statelessStack.ts';
import type { WorkflowDefinition } from './workflows/workflowDefinition.ts';

/** Builds the CDK app: configuration from context, the two stacks, cdk-nag on every synth. */
export interface BuildOptions {
  manifest?: readonly FunctionDefinition[];
  workflows?: readonly WorkflowDefinition[];
  /** cdk-nag runs on every synth; only the local runtime, which reads the ASL, turns it off. */
  nag?: boolean;
}

export function buildApp(app: App = new App(), options: BuildOptions = {}) {
  const config = readDeploymentConfig(app);
  const replica = config.replicaRegion
    ? new BackupReplicaStack(app, 'HrBackupReplica', {
        env: { region: config.replicaRegion },
        retentionDays: config.backupRetentionDays,
        description: 'Key-person HR: the off-site copy of the backups (retained)',
      })
    : undefined;
  const stateful = new StatefulStack(app, 'HrStateful', {
    config,
    description: 'Key-person HR: keys, tables, buckets (retained)',
  });
  // Replication needs its destination to exist first.
  if (replica) stateful.addDependency(replica);
  const stateless = new StatelessStack(app, 'HrStateless', {
    config,
    data: stateful.refs,
    description: 'Key-person HR: API, functions, identity, events, scheduler, alarms',
    ...(options.manifest ? { manifest: options.manifest } : {}),
    ...(options.workflows ? { workflows: options.workflows } : {}),
  });
  // The stacks share data through named exports, so the order is declared rather than inferred.
  stateless.addStackDependency(stateful);
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, stateless, replica };
}

if (import.meta.main) buildApp().app.synth();
