import { type CfnElement, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { type FunctionDefinition, functionManifest, workflowManifest } from '#functions/manifest.ts';
import type { DeploymentConfig } from '../config.ts';
import { Alarms } from '../constructs/alarms.ts';
import { Api } from '../constructs/api.ts';
import { Eventing } from '../constructs/eventing.ts';
import { Functions } from '../constructs/functions.ts';
import { idsWithoutGroupings } from '../constructs/grouping.ts';
import type { HouseFunction } from '../constructs/houseFunction.ts';
import { Identity } from '../constructs/identity.ts';
import { Workflows } from '../constructs/workflows.ts';
import type { DataRefs } from '../data/refs.ts';
import { productWorkflows } from '../workflows/index.ts';
import type { WorkflowDefinition } from '../workflows/workflowDefinition.ts';

export interface StatelessStackProps extends StackProps {
  config: DeploymentConfig;
  data: DataRefs;
  /** Defaults to the product's manifest; tests pass their own to exercise every kind of trigger. */
  manifest?: readonly FunctionDefinition[];
  /** Defaults to the product's workflows. */
  workflows?: readonly WorkflowDefinition[];
}

/**
 * Everything that holds no data: where alarms go, sign-in, the bus and the scheduler, the functions
 * of the manifest, the workflows and the HTTP API. The stateful stack's tables, buckets and keys come
 * in as `data`.
 */
export class StatelessStack extends Stack {
  readonly functions: ReadonlyMap<string, HouseFunction>;
  readonly stateMachines: ReadonlyMap<string, StateMachine>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const manifest = props.manifest ?? functionManifest;

    const alarms = new Alarms(this, 'Alarming', { opsKeyArn: data.opsKeyArn, email: config.alarmEmail });
    const identity = new Identity(this, 'Identity');
    // `Default`: CDK leaves it out of generated names too, so the bus and the schedule group (which holds
    // every pending revocation schedule) keep the names a deployed stack gave them.
    const eventing = new Eventing(this, 'Default', { alarms });
    const functions = new Functions(this, 'Functions', {
      manifest,
      config,
      data,
      eventing,
      identity,
      alarms,
    });
    const workflows = new Workflows(this, 'Workflows', {
      workflows: props.workflows ?? productWorkflows,
      entries: workflowManifest,
      manifest,
      functions,
      bus: eventing.bus,
      alarms,
      logRetentionDays: config.logRetentionDays,
    });
    const api = new Api(this, 'HttpApi', {
      manifest,
      functions,
      identity,
      alarms,
      logRetentionDays: config.logRetentionDays,
      corsOrigins: config.corsOrigins,
    });
    this.functions = functions.byId;
    this.stateMachines = workflows.byId;

    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.apiClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: eventing.bus.eventBusName });
  }

  /** Groupings are left out of logical ids: a resource keeps the id it has directly under the stack. */
  protected override allocateLogicalId(cfnElement: CfnElement): string {
    const scopes = idsWithoutGroupings(cfnElement.node.scopes);
    return super.allocateLogicalId({ node: { scopes }, stack: cfnElement.stack } as unknown as CfnElement);
  }
}
