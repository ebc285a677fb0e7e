import { ArnFormat, type CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { type EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { envNames } from '#adapters/config.ts';
import type { FunctionDefinition, WorkflowEntry } from '#functions/manifest.ts';
import { eventSource } from '#kernel/events.ts';
import type { WorkflowDefinition } from '../workflows/workflowDefinition.ts';
import type { Alarms } from './alarms.ts';
import type { Functions } from './functions.ts';
import { Grouping } from './grouping.ts';
import type { HouseFunction } from './houseFunction.ts';

/**
 * The Step Functions workflows (Standard): each state machine with its logs and alarm, started by the
 * events its manifest entry names; and the grants of the functions that start executions or answer
 * task tokens.
 */
export class Workflows extends Grouping {
  readonly byId = new Map<string, StateMachine>();

  constructor(
    scope: Construct,
    id: string,
    props: {
      workflows: readonly WorkflowDefinition[];
      entries: readonly WorkflowEntry[];
      manifest: readonly FunctionDefinition[];
      functions: Functions;
      bus: EventBus;
      alarms: Alarms;
      logRetentionDays: number;
    },
  ) {
    super(scope, id);
    for (const workflow of props.workflows) this.addWorkflow(workflow, props);

    // The ARNs are built from the machines' fixed names: a task function the machine invokes cannot
    // also refer to the machine resource (that would be a dependency cycle).
    const stack = Stack.of(this);
    const machineArns = Object.fromEntries(
      [...this.byId.keys()].map((workflowId) => [
        workflowId,
        stack.formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: stateMachineName(stack, workflowId),
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ]),
    );
    for (const definition of props.manifest) {
      const fn = props.functions.byId.get(definition.id)?.function;
      if (!fn || !definition.needs.workflow) continue;
      const arns = Object.values(machineArns);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: arns,
        }),
      );
      if (definition.needs.workflow === 'start')
        fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: arns }));
      fn.addEnvironment(envNames.stateMachines, stack.toJsonString(machineArns));
    }
  }

  /** A Standard state machine with full logging and tracing; its tasks are manifest functions. */
  private addWorkflow(workflow: WorkflowDefinition, props: ConstructorParameters<typeof Workflows>[2]): void {
    const used = new Set<HouseFunction>();
    const task = (functionId: string) => {
      const fn = props.functions.byId.get(functionId);
      if (!fn) throw new Error(`Workflow ${workflow.id} uses ${functionId}, which is not in the manifest`);
      if (!fn.definition.triggers.some((t) => t.kind === 'workflowTask'))
        throw new Error(`${functionId} is not a workflowTask`);
      used.add(fn);
      return fn.function;
    };
    const stack = Stack.of(this);
    const logs = new LogGroup(this, `${workflow.id}WorkflowLogs`, { retention: props.logRetentionDays });
    const stateMachine = new StateMachine(this, `${workflow.id}Workflow`, {
      stateMachineName: stateMachineName(stack, workflow.id),
      comment: workflow.description,
      definitionBody: DefinitionBody.fromChainable(workflow.build(this, task)),
      stateMachineType: StateMachineType.STANDARD,
      timeout: workflow.timeout,
      tracingEnabled: true,
      // Every state transition is logged (cdk-nag SF1), but not the data passing through it: names,
      // customers and report contents never land in CloudWatch; the case item holds them.
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    (stateMachine.node.defaultChild as CfnResource).overrideLogicalId(`${workflow.id}Workflow`);
    this.byId.set(workflow.id, stateMachine);
    const role = stateMachine.role;
    for (const fn of used) {
      const versions = flattenCfnReference(stack.resolve(`${fn.function.functionArn}:*`));
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${versions}]`,
        reason: `The Lambda task integration may invoke ${fn.definition.id} by version or alias; nothing beyond this one function.`,
      });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery and X-Ray, as Step Functions requires them, have no resource-level permissions.',
    });
    const startedBy = props.entries.find((w) => w.id === workflow.id)?.startedBy ?? [];
    if (startedBy.length > 0) {
      // The execution's input is the event itself; a duplicate delivery's second execution stops
      // at its first task (the case records which execution drives it).
      new Rule(this, `${workflow.id}StartRule`, {
        eventBus: props.bus,
        description: `${startedBy.map((e) => e.name).join(', ')} → ${workflow.id} workflow`,
        eventPattern: { source: [eventSource], detailType: startedBy.map((e) => e.name) },
        targets: [new SfnStateMachine(stateMachine, { retryAttempts: 4, maxEventAge: Duration.hours(24) })],
      });
    }
    props.alarms.onAny(
      this,
      `${workflow.id}WorkflowFailedAlarm`,
      `An execution of ${workflow.id} failed, timed out or was aborted`,
      stateMachine.metricFailed({ period: Duration.minutes(5) }),
    );
  }
}

/** Fixed, so that functions can name a machine's ARN without referring to the resource. */
const stateMachineName = (stack: Stack, workflowId: string) => `${stack.stackName}-${workflowId}`;
