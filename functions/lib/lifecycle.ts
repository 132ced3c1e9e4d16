/**
 * The API's side of the lifecycle state machine (functions/lifecycle/definition.ts).
 *
 * - `register` is what the machine's waiting task does with its token: store it beside the
 *   assessment (WAIT item), then check the stored status still calls for that wait; if it doesn't
 *   (a human step happened in between), complete the task at once.
 * - `sync` is what every handler does after changing an assessment, and on every read: if the stored
 *   wait no longer matches the stored status (or the deadline it was armed with changed), send the
 *   callback with the stored status. A crash or a failed callback between the status write and the
 *   callback is therefore repaired by the next read; DynamoDB is the truth and the machine follows it.
 */
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Assessment } from '../../shared/assessment.js';
import { effectiveDeadline } from '../../shared/deadlines.js';
import type { Cycle } from '../../shared/schemas.js';
import { finalAssessmentStatus } from '../../shared/lifecycle.js';
import { waitStepFor, type TaskResult, type WaitStep } from '../lifecycle/definition.js';
import type { Logger } from './logger.js';
import type { StorePort } from '../../shared/store.js';

/** AWS: SendTaskSuccess; locally: the in-process runner. */
export interface TaskCallbacks {
  /** Resolves also when the token is already spent (a repeated callback is harmless). */
  success(token: string, output: TaskResult): Promise<void>;
}

/** AWS: StartExecution; locally: the in-process runner. Idempotent per assessment. */
export interface LifecycleStarter {
  start(cycleId: string, unitId: string): Promise<void>;
}

/** AWS's TimeoutSeconds ceiling: "no deadline". */
export const NO_DEADLINE_SECONDS = 99_999_999;

const SPENT_TOKEN = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/**
 * The Step Functions client is made on first use: most requests (saves, reads) never complete a task, so
 * a cold start doesn't pay for constructing it. Only the two commands are imported, so the bundle holds
 * only their part of the SDK (a dynamic import of the package would bundle every command).
 */
function sfn(): SFNClient {
  return (sfnClient ??= new SFNClient({}));
}
let sfnClient: SFNClient | undefined;

export function sfnCallbacks(): TaskCallbacks {
  return {
    async success(token, output) {
      try {
        await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      } catch (e) {
        if (!SPENT_TOKEN.has((e as { name?: string }).name ?? '')) throw e;
      }
    },
  };
}

export function sfnStarter(stateMachineArn: string): LifecycleStarter {
  return {
    async start(cycleId, unitId) {
      try {
        await sfn().send(
          new StartExecutionCommand({
            stateMachineArn,
            name: `${cycleId}-${unitId}`.slice(0, 80),
            input: JSON.stringify({ cycleId, unitId }),
          }),
        );
      } catch (e) {
        if ((e as { name?: string }).name !== 'ExecutionAlreadyExists') throw e;
      }
    },
  };
}

/** Leeway between PrepareSelf computing a timeout and the waiting task registering (invocation latency). */
const ARMING_LEEWAY_MS = 60_000;

/** Whether a timeout of `seconds` from about `now` would fire well after `deadline` (or after now, once it passed). */
function timeoutOutlasts(seconds: number | undefined, deadline: string | undefined, now: Date): boolean {
  if (seconds === undefined || deadline === undefined) return false;
  const due = Math.max(Date.parse(deadline), now.getTime());
  return now.getTime() + seconds * 1000 > due + ARMING_LEEWAY_MS;
}

export class Lifecycle {
  constructor(
    private readonly store: Pick<StorePort, 'getAssessment' | 'putWait' | 'getWait' | 'deleteWait'>,
    private callbacks: TaskCallbacks | undefined,
    private starter: LifecycleStarter | undefined,
    private readonly logger?: Logger,
  ) {}

  /** The local stack plugs its runner in here. */
  use(callbacks: TaskCallbacks, starter: LifecycleStarter) {
    this.callbacks = callbacks;
    this.starter = starter;
  }

  get enabled(): boolean {
    return this.callbacks !== undefined;
  }

  resultOf(a: Assessment, cycle: Cycle, now: Date): TaskResult {
    const deadline = effectiveDeadline(cycle, a);
    const secondsLeft = deadline ? Math.max(1, Math.ceil((Date.parse(deadline) - now.getTime()) / 1000)) : NO_DEADLINE_SECONDS;
    return {
      status: a.status,
      selfLocked: a.selfLocked,
      secondsLeft: Math.min(secondsLeft, NO_DEADLINE_SECONDS),
      final: a.status === finalAssessmentStatus(cycle.appraisingLevel ?? 'district'),
    };
  }

  async start(cycleId: string, unitId: string): Promise<void> {
    await this.starter?.start(cycleId, unitId);
  }

  /**
   * The waiting task's registration (run by the lifecycle task Lambda). `timeoutSeconds`: the submission
   * wait's timeout, as PrepareSelf computed it before this task ran.
   */
  async register(
    cycle: Cycle,
    districtId: string,
    unitId: string,
    step: WaitStep,
    token: string,
    now: Date,
    timeoutSeconds?: number,
  ): Promise<void> {
    const a = await this.store.getAssessment(cycle.id, districtId, unitId);
    if (!a) throw new Error(`assessment ${cycle.id}/${unitId} missing`);
    const deadline = step === 'submission' ? effectiveDeadline(cycle, a) : undefined;
    await this.store.putWait(cycle.id, unitId, {
      token,
      step,
      // A deadline brought forward between PrepareSelf and this read left the timeout armed for the old
      // one: record the wait as armed for no known deadline, so that sync (below) re-arms it at once.
      ...(step === 'submission' ? { deadline: timeoutOutlasts(timeoutSeconds, deadline, now) ? undefined : deadline } : {}),
      registeredAt: now.toISOString(),
    });
    // Read again after storing the token: a step taken meanwhile is caught by one of the two sides.
    const after = await this.store.getAssessment(cycle.id, districtId, unitId);
    await this.sync(after!, cycle, now);
  }

  /** Completes the stored wait if the stored status has moved past it. Never throws for a callback failure. */
  async sync(a: Assessment, cycle: Cycle, now = new Date()): Promise<void> {
    if (!this.callbacks) return;
    const w = await this.store.getWait(a.cycleId, a.unitId);
    if (!w) return;
    const want = waitStepFor(a.status, a.selfLocked);
    const deadlineMoved = w.step === 'submission' && (w.deadline ?? undefined) !== effectiveDeadline(cycle, a);
    if (want === w.step && !deadlineMoved) return;
    try {
      await this.callbacks.success(w.token, this.resultOf(a, cycle, now));
      await this.store.deleteWait(a.cycleId, a.unitId, w.token);
    } catch (e) {
      this.logger?.error('lifecycle callback failed; the next read retries it', {
        unitId: a.unitId,
        error: (e as Error).message,
      });
    }
  }
}
