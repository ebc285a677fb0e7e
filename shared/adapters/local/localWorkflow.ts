import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Clock } from '#kernel/clock.ts';
import { TaskNoLongerWaitingError, type Workflow } from '#ports/platform/workflow.ts';
import type { Invoke } from './localEventBus.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateDefinition = Record<string, Json> & { Type: string };
export interface Asl {
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  [key: string]: Json | undefined;
}

/** What the local run needs to know about a Task state of the synthesized definition. */
export interface LocalTaskState {
  functionId: string;
  /** `.waitForTaskToken`: invoke the function, then wait for SendTaskSuccess or SendTaskFailure. */
  callback: boolean;
  /** The optimized `lambda:invoke` integration wraps the function's result in `Payload`. */
  integration: boolean;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
}

export interface LocalWorkflowDefinition {
  id: string;
  definition: Asl;
  tasks: ReadonlyMap<string, LocalTaskState>;
  statesWithRetry: readonly string[];
}

/** Node timers overflow past 2^31 ms (24.8 days) and then fire at once: never hand the library more. */
const longestTimerSeconds = 2_147_483;
const tokenPlaceholder = '__LOCAL_TASK_TOKEN__';
const localTimeoutKey = '__localTimeoutSeconds';
const lambdaInvoke = 'arn:aws:states:::lambda:invoke';

/**
 * Reads the Task states of a synthesized definition (functions named by `functionIdOfArn`) and makes
 * the definition safe for a local run: timeouts are enforced by this adapter from the injected clock,
 * not by real-time timers.
 */
export function prepareLocalWorkflow(
  id: string,
  synthesized: Asl,
  functionIdOfArn: (arn: string) => string,
): LocalWorkflowDefinition {
  const definition = structuredClone(synthesized);
  const tasks = new Map<string, LocalTaskState>();
  const statesWithRetry: string[] = [];
  const visit = (states: Record<string, StateDefinition>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Retry) statesWithRetry.push(name);
      if (state.Type === 'Parallel')
        for (const branch of state.Branches as unknown as Asl[]) visit(branch.States);
      if (state.Type === 'Map') {
        const processor = (state.ItemProcessor ?? state.Iterator) as unknown as Asl;
        visit(processor.States);
      }
      if (state.Type !== 'Task') continue;
      const resource = String(state.Resource);
      const integration = resource.startsWith(lambdaInvoke);
      const callback = resource.endsWith('.waitForTaskToken');
      const parameters = (state.Parameters ?? {}) as Record<string, Json>;
      const arn = integration ? String(parameters.FunctionName) : resource;
      tasks.set(name, {
        functionId: functionIdOfArn(arn),
        callback,
        integration,
        ...(typeof state.TimeoutSeconds === 'number' ? { timeoutSeconds: state.TimeoutSeconds } : {}),
        ...(typeof state.TimeoutSecondsPath === 'string'
          ? { timeoutSecondsPath: state.TimeoutSecondsPath }
          : {}),
      });
      // The library hands a task handler its Parameters, not the state's input: carry the timeout
      // path's value along as an extra parameter (the function itself never sees it).
      if (typeof state.TimeoutSecondsPath === 'string' && state.Parameters) {
        state.Parameters = {
          ...(state.Parameters as Record<string, Json>),
          [`${localTimeoutKey}.$`]: state.TimeoutSecondsPath,
        };
        tasks.set(name, {
          ...(tasks.get(name) as LocalTaskState),
          timeoutSecondsPath: `$.${localTimeoutKey}`,
        });
      }
      delete state.TimeoutSecondsPath;
      delete state.HeartbeatSeconds;
      state.TimeoutSeconds = callback
        ? longestTimerSeconds
        : Math.min(
            typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : longestTimerSeconds,
            longestTimerSeconds,
          );
    }
  };
  visit(definition.States);
  if (definition.TimeoutSeconds !== undefined)
    definition.TimeoutSeconds = Math.min(definition.TimeoutSeconds, longestTimerSeconds);
  return { id, definition, tasks, statesWithRetry };
}

/** `$.a.b[0]`-style paths, all that TimeoutSecondsPath needs. */
function readPath(path: string, input: Json): Json | undefined {
  if (!path.startsWith('$')) throw new Error(`Unsupported path ${path}`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)].map(
    (m) => m[1] ?? m[3] ?? Number(m[2]),
  );
  let node: Json | undefined = input;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[step];
  }
  return node;
}

function replaceDeep(node: Json, from: string, to: string): Json {
  if (node === from) return to;
  if (Array.isArray(node)) return node.map((n) => replaceDeep(n, from, to));
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  return node;
}

const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface LocalExecution {
  workflowId: string;
  name: string;
  input: Record<string, unknown>;
  status: ExecutionStatus;
  output?: unknown;
  error?: { name: string; message: string };
  /** Every Task state entered, in order. */
  taskStates: string[];
  /** States entered, retries included: what Step Functions bills a Standard workflow by. */
  transitions: number;
}

interface WaitingTask {
  executionName: string;
  stateName: string;
  deadline: number | undefined;
  resolve(output: Json): void;
  reject(error: Error): void;
}

/**
 * Step Functions on this machine: `aws-local-stepfunctions` runs the ASL the CDK synthesized, with
 * each Task state mapped to the manifest function it names. What the library lacks, this adds: task
 * tokens (a fresh one per task, answered through sendTaskSuccess / sendTaskFailure) and task timeouts
 * measured on the injected clock, raised as `States.Timeout`. Catch `States.Timeout` before any
 * `States.TaskFailed` catcher: locally the latter would also match a timeout.
 */
export class LocalWorkflow implements Workflow {
  readonly executions = new Map<string, LocalExecution>();
  private readonly waiting = new Map<string, WaitingTask>();
  /** How to abort each running execution (on stop: a stopped runtime must not keep working). */
  private readonly aborts = new Map<string, () => void>();
  private stopped = false;
  /** Function invocations under way. */
  private invoking = 0;
  /** Moves on whenever anything happens: a task starts or ends, an execution ends. */
  private progress = 0;
  private readonly definitions: ReadonlyMap<string, LocalWorkflowDefinition>;
  private readonly invoke: Invoke;
  private readonly clock: Clock;

  constructor(options: { definitions: readonly LocalWorkflowDefinition[]; invoke: Invoke; clock: Clock }) {
    this.definitions = new Map(options.definitions.map((d) => [d.id, d]));
    this.invoke = options.invoke;
    this.clock = options.clock;
  }

  async start(workflowId: string, executionName: string, input: Record<string, unknown>): Promise<void> {
    if (this.stopped) throw new Error('The local workflow runtime has stopped');
    const existing = this.executions.get(executionName);
    if (existing) {
      if (JSON.stringify(existing.input) === JSON.stringify(input)) return;
      throw new Error(`Execution ${executionName} already exists with another input`);
    }
    const workflow = this.definitions.get(workflowId);
    if (!workflow) throw new Error(`No workflow ${workflowId}`);
    const execution: LocalExecution = {
      workflowId,
      name: executionName,
      input,
      status: 'RUNNING',
      taskStates: [],
      transitions: 0,
    };
    this.executions.set(executionName, execution);

    const machine = new StateMachine(workflow.definition as never, {
      validationOptions: { checkArn: false },
    });
    const handlers = Object.fromEntries(
      [...workflow.tasks].map(([stateName, task]) => [
        stateName,
        (taskInput: unknown) => this.runTask(execution, stateName, task, taskInput as Json),
      ]),
    );
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        retryIntervalOverrides: Object.fromEntries(workflow.statesWithRetry.map((s) => [s, 0])),
      },
      context: {
        Execution: {
          Id: `arn:aws:states:us-east-1:000000000000:execution:${workflowId}:${executionName}`,
          Name: executionName,
          Input: input,
          StartTime: this.clock.now().toISOString(),
        },
        StateMachine: {
          Id: `arn:aws:states:us-east-1:000000000000:stateMachine:${workflowId}`,
          Name: workflowId,
        },
        Task: { Token: tokenPlaceholder },
      } as never,
    });
    this.aborts.set(executionName, run.abort);
    void (async () => {
      for await (const event of run.eventLogs) {
        if (event.type === 'StateEntered' || event.type === 'StateRetried') execution.transitions += 1;
      }
    })().catch(() => {});
    run.result
      .then((output) => {
        execution.status = 'SUCCEEDED';
        execution.output = output;
      })
      .catch((error: Error & { cause?: Error }) => {
        const cause = error.cause ?? error;
        execution.status = this.stopped ? 'ABORTED' : 'FAILED';
        execution.error = { name: cause.name, message: cause.message };
      })
      .finally(() => {
        this.aborts.delete(executionName);
        this.progress += 1;
      });
  }

  private async runTask(
    execution: LocalExecution,
    stateName: string,
    task: LocalTaskState,
    input: Json,
  ): Promise<Json> {
    execution.taskStates.push(stateName);
    this.progress += 1;
    const { [localTimeoutKey]: _timeout, ...parameters } = (input ?? {}) as Record<string, Json>;
    const payload = task.integration ? (parameters.Payload ?? {}) : input;
    if (!task.callback) {
      const result = (await this.invokeFunction(task.functionId, payload)) as Json;
      return task.integration
        ? { ExecutedVersion: '$LATEST', Payload: result ?? null, StatusCode: 200 }
        : result;
    }

    const token = `${execution.name}:${stateName}:${randomUUID()}`;
    const seconds = task.timeoutSecondsPath ? readPath(task.timeoutSecondsPath, input) : task.timeoutSeconds;
    const deadline = typeof seconds === 'number' ? this.clock.now().getTime() + seconds * 1000 : undefined;
    const parked = new Promise<Json>((resolve, reject) => {
      this.waiting.set(token, { executionName: execution.name, stateName, deadline, resolve, reject });
    });
    // Settled early (a stop while the task's function still runs) it has no reader yet: not unhandled.
    parked.catch(() => {});
    try {
      await this.invokeFunction(task.functionId, replaceDeep(payload, tokenPlaceholder, token));
    } catch (error) {
      this.waiting.delete(token);
      throw error;
    }
    return parked;
  }

  private async invokeFunction(functionId: string, event: Json): Promise<unknown> {
    this.invoking += 1;
    try {
      return await this.invoke(functionId, event);
    } finally {
      this.invoking -= 1;
      this.progress += 1;
    }
  }

  /** Aborts every running execution: in AWS they would go on, but here they live in this process. */
  stop(): void {
    this.stopped = true;
    for (const abort of this.aborts.values()) abort();
    this.aborts.clear();
    // A parked task settles, so that the interpreter clears its timer for the task's timeout.
    for (const task of this.waiting.values())
      task.reject(namedError('States.Aborted', 'The runtime stopped'));
    this.waiting.clear();
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.take(taskToken).resolve(output as Json);
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    this.take(taskToken).reject(namedError(error, cause));
  }

  private take(token: string): WaitingTask {
    const task = this.waiting.get(token);
    if (!task) throw new TaskNoLongerWaitingError();
    this.waiting.delete(token);
    return task;
  }

  /** Times out every waiting task whose deadline the clock has passed; returns them. */
  expireTasks(): { executionName: string; stateName: string; deadline: Date }[] {
    const now = this.clock.now().getTime();
    const expired: { executionName: string; stateName: string; deadline: Date }[] = [];
    for (const [token, task] of this.waiting) {
      if (task.deadline !== undefined && task.deadline <= now) {
        this.waiting.delete(token);
        task.reject(namedError('States.Timeout', `${task.stateName} timed out`));
        expired.push({
          executionName: task.executionName,
          stateName: task.stateName,
          deadline: new Date(task.deadline),
        });
      }
    }
    return expired;
  }

  /** When the next waiting task times out, if one has a deadline. */
  nextDeadline(): Date | undefined {
    const deadlines = [...this.waiting.values()].flatMap((t) =>
      t.deadline === undefined ? [] : [t.deadline],
    );
    return deadlines.length > 0 ? new Date(Math.min(...deadlines)) : undefined;
  }

  /** The tasks waiting for a token now, by execution. */
  waitingTasks(): { executionName: string; stateName: string; token: string; deadline?: string }[] {
    return [...this.waiting].map(([token, t]) => ({
      executionName: t.executionName,
      stateName: t.stateName,
      token,
      ...(t.deadline !== undefined ? { deadline: new Date(t.deadline).toISOString() } : {}),
    }));
  }

  /**
   * Resolves once nothing moves any more: no function is running and several turns of the event loop
   * brought no progress, so every execution has ended or waits for a token or a timeout.
   */
  async settle(): Promise<void> {
    let quietTurns = 0;
    let seen = -1;
    while (quietTurns < 5) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      quietTurns = this.invoking === 0 && this.progress === seen ? quietTurns + 1 : 0;
      seen = this.progress;
    }
  }
}
