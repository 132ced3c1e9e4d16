/**
 * Runs the lifecycle state machine locally with aws-local-stepfunctions: the same definition the CDK
 * app deploys, with each Task played by the real task code in this process.
 *
 * aws-local-stepfunctions has no callback pattern, so each `.waitForTaskToken` state is played by a
 * handler that mints a token, hands it to the real task code (which stores it), and resolves when
 * `success(token)` — the local SendTaskSuccess — is called. Its timers can't exceed 24.8 days
 * (setTimeout's limit), so the submission deadline is played here with chained timers and surfaces as
 * the `States.Timeout` error the real service raises. Executions live in memory: `resumeAll` starts one
 * per unfinished assessment on start-up, and the machine's first state reads the stored status.
 */
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  assessmentLifecycleDefinition,
  type TaskPayload,
  type TaskResult,
  type WaitStep,
} from '../functions/lifecycle/definition.js';
import type { LifecycleStarter, TaskCallbacks } from '../functions/lib/lifecycle.js';
import type { Store } from '../functions/lib/store.js';
import { finalAssessmentStatus } from '../shared/lifecycle.js';

type RunTask = (p: TaskPayload) => Promise<unknown>;

const LOCAL_ARN = 'arn:aws:lambda:local:000000000000:function:lifecycle-task';
/** Just under setTimeout's ceiling: the library's own timer on waiting tasks must never fire first. */
const LIBRARY_TIMEOUT_SECONDS = 2_147_000;

class TimeoutError extends Error {
  override name = 'States.Timeout';
}

interface Pending {
  key: string;
  step: WaitStep;
  resolve: (v: TaskResult) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

/** setTimeout for any delay (chained below the 2^31 ms ceiling). */
function armTimer(ms: number, fire: () => void, set: (t: NodeJS.Timeout) => void) {
  const step = Math.min(ms, 2 ** 31 - 1);
  set(setTimeout(() => (ms > step ? armTimer(ms - step, fire, set) : fire()), step));
}

export class LocalLifecycleRunner implements TaskCallbacks, LifecycleStarter {
  private readonly machine: StateMachine;
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Map<string, { abort: () => void; done: Promise<unknown> }>();
  private readonly waitStates: Record<string, WaitStep> = {};
  /** Task code still running (it may outlive an aborted execution): stop() waits for it before the storage closes. */
  private readonly inflight = new Set<Promise<unknown>>();
  private stopped = false;
  /** Test hook: how long a submission wait may last at most (ms), whatever the deadline says. */
  deadlineCapMs: number | undefined;

  constructor(
    private readonly runTask: RunTask,
    private readonly log: (msg: string) => void = () => {},
  ) {
    const def = assessmentLifecycleDefinition(LOCAL_ARN);
    for (const [name, state] of Object.entries(def.States) as [string, Record<string, unknown>][]) {
      if (state.Type === 'Task' && String(state.Resource).endsWith('.waitForTaskToken')) {
        this.waitStates[name] = (state.Parameters as { Payload: { step: WaitStep } }).Payload.step;
        delete state.TimeoutSecondsPath;
        state.TimeoutSeconds = LIBRARY_TIMEOUT_SECONDS;
      }
    }
    this.machine = new StateMachine(def as never, { validationOptions: { checkArn: false, checkPaths: true } } as never);
  }

  /** Which wait an assessment's execution is in now (tests, and the restart check). */
  currentStep(cycleId: string, unitId: string): WaitStep | undefined {
    for (const p of this.pending.values()) if (p.key === `${cycleId}/${unitId}`) return p.step;
    return undefined;
  }

  isRunning(cycleId: string, unitId: string): boolean {
    return this.running.has(`${cycleId}/${unitId}`);
  }

  async success(token: string, output: TaskResult): Promise<void> {
    const p = this.pending.get(token);
    if (!p) return; // spent or from before a restart: harmless, as SendTaskSuccess's TaskDoesNotExist
    this.pending.delete(token);
    if (p.timer) clearTimeout(p.timer);
    p.resolve(output);
  }

  async start(cycleId: string, unitId: string): Promise<void> {
    const key = `${cycleId}/${unitId}`;
    if (this.stopped || this.running.has(key)) return;
    const overrides: Record<string, (params: { Payload: TaskPayload }) => Promise<unknown>> = {};
    for (const name of ['Resync', 'PrepareSelf', 'LockSelf'])
      overrides[name] = async (params) => ({ Payload: await this.track(this.runTask(params.Payload)) });
    for (const [name, step] of Object.entries(this.waitStates))
      overrides[name] = (params) => this.playWait(key, step, params.Payload);
    // `$$.Task.Token` must resolve for the definition to run; playWait replaces it with a fresh token.
    const execution = this.machine.run(
      { cycleId, unitId },
      {
        overrides: { taskResourceLocalHandlers: overrides as never },
        noThrowOnAbort: true,
        context: { Task: { Token: 'minted-per-wait' } } as never,
      },
    );
    const done = execution.result.then(
      () => {
        if (!this.stopped) this.log(`lifecycle ${key}: finished`);
      },
      (e: Error) => {
        if (!this.stopped) this.log(`lifecycle ${key}: execution failed: ${e.name}: ${e.message}`);
      },
    );
    this.running.set(key, { abort: () => execution.abort(), done });
    void done.finally(() => this.running.delete(key));
  }

  private playWait(key: string, step: WaitStep, payload: TaskPayload): Promise<TaskResult> {
    const token = randomUUID();
    return new Promise<TaskResult>((resolve, reject) => {
      const p: Pending = { key, step, resolve, reject };
      this.pending.set(token, p);
      if (step === 'submission' && payload.secondsLeft !== undefined) {
        const ms = Math.min(payload.secondsLeft * 1000, this.deadlineCapMs ?? Number.POSITIVE_INFINITY);
        armTimer(
          ms,
          () => {
            if (!this.pending.delete(token)) return;
            reject(new TimeoutError('Hết hạn tự đánh giá'));
          },
          (t) => (p.timer = t),
        );
      }
      this.track(this.runTask({ ...payload, token })).catch((e: Error) => {
        if (!this.pending.delete(token)) return;
        if (p.timer) clearTimeout(p.timer);
        reject(e);
      });
    });
  }

  private track<T>(task: Promise<T>): Promise<T> {
    this.inflight.add(task);
    const forget = () => this.inflight.delete(task);
    task.then(forget, forget);
    return task;
  }

  /** Starts an execution for every assessment of every cycle that has not reached its end. */
  async resumeAll(store: Store): Promise<number> {
    let n = 0;
    for (const cycle of await store.listCycles()) {
      for (const a of await store.listAssessments(cycle.id)) {
        if (a.status === finalAssessmentStatus(cycle.appraisingLevel ?? 'district')) continue;
        await this.start(a.cycleId, a.unitId);
        n++;
      }
    }
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const [token, p] of this.pending) {
      if (p.timer) clearTimeout(p.timer);
      this.pending.delete(token);
    }
    const runs = [...this.running.values()];
    for (const r of runs) r.abort();
    await Promise.all(runs.map((r) => r.done));
    await Promise.allSettled([...this.inflight]);
  }
}
