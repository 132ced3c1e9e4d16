/**
 * The assessment lifecycle as a Step Functions state machine (Amazon States Language): one execution
 * per commune per cycle. The CDK app deploys this definition and the local stack runs the very same
 * one with aws-local-stepfunctions.
 *
 * DynamoDB holds the truth the users see (status, version); the machine holds the waiting. Every human
 * step is a task-token callback whose output is the assessment's status *as stored*, and the machine
 * always routes on that status (`Route`), so the two cannot drift apart: whenever they might (a crash
 * between the status write and the callback), the next read of the assessment re-sends the callback
 * (functions/lib/lifecycle.ts), and a waiting task that was registered for a status that no longer
 * holds is completed at once.
 *
 *   Route ─ DRAFT/RETURNED ──► PrepareSelf ─► AwaitSubmission ──(deadline: States.Timeout)──► LockSelf ─► AwaitLateDecision
 *         ─ SUBMITTED/IN_APPRAISAL ──► AwaitAppraisal
 *         ─ APPRAISED ──► AwaitApproval ─ APPROVED ──► AwaitPublication ─ PUBLISHED ──► AwaitReport ─ REPORTED ──► Done
 *         ─ final (REPORTED; PUBLISHED in a province-level cycle, whose ranking ends there) ──► Done
 * Every wait's callback goes back to Route. Any task's unexpected failure goes to Resync (reads the
 * status from DynamoDB and routes again); Resync itself retries, then fails the execution loudly.
 */

export type WaitStep = 'submission' | 'late-decision' | 'appraisal' | 'approval' | 'publication' | 'report';

/** The statuses (and lock) under which each wait is the right one. Used by the task and the reconciler. */
export function waitStepFor(status: string, selfLocked: boolean): WaitStep | undefined {
  switch (status) {
    case 'DRAFT':
    case 'RETURNED':
      return selfLocked ? 'late-decision' : 'submission';
    case 'SUBMITTED':
    case 'IN_APPRAISAL':
      return 'appraisal';
    case 'APPRAISED':
      return 'approval';
    case 'APPROVED':
      return 'publication';
    case 'PUBLISHED':
      return 'report';
    default:
      return undefined;
  }
}

export interface TaskPayload {
  action: 'prepare' | 'await' | 'lock' | 'status';
  cycleId: string;
  unitId: string;
  step?: WaitStep;
  token?: string;
  /** AwaitSubmission passes its timeout along (the local runner plays the deadline with it). */
  secondsLeft?: number;
}

/** What every lifecycle task answers: the stored state the machine routes on. */
export interface TaskResult {
  status: string;
  selfLocked: boolean;
  /** Seconds until the self-assessment deadline (≥ 1), for AwaitSubmission's timeout. */
  secondsLeft: number;
  /** The status is the cycle's last (shared/lifecycle.ts finalAssessmentStatus): the execution ends. */
  final: boolean;
}

const TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
];
const retryTransient = [{ ErrorEquals: TRANSIENT, IntervalSeconds: 1, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL' }];
const toResync = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Resync' }];
const ids = { 'cycleId.$': '$.cycleId', 'unitId.$': '$.unitId' };

/** A state that calls the lifecycle task Lambda and keeps {cycleId, unitId} plus its result. */
function invoke(fn: string, action: TaskPayload['action'], next: string, extra: object = {}) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: fn, Payload: { action, ...ids } },
    ResultSelector: {
      'status.$': '$.Payload.status',
      'selfLocked.$': '$.Payload.selfLocked',
      'secondsLeft.$': '$.Payload.secondsLeft',
      'final.$': '$.Payload.final',
    },
    ResultPath: '$.state',
    Retry: retryTransient,
    Next: next,
    ...extra,
  };
}

/** A human step: the task hands its token to the Lambda, which stores it; an API handler completes it. */
function wait(fn: string, step: WaitStep, extra: object = {}) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: fn, Payload: { action: 'await', step, ...ids, 'token.$': '$$.Task.Token' } },
    ResultPath: '$.state',
    Retry: retryTransient,
    Catch: toResync,
    Next: 'Route',
    ...extra,
  };
}

export function assessmentLifecycleDefinition(taskFunctionArn: string) {
  const fn = taskFunctionArn;
  return {
    Comment: 'Vòng đời hồ sơ Chỉ số CCHC của một xã trong một kỳ đánh giá (Quyết định 4203/QĐ-UBND, Điều 6)',
    StartAt: 'Resync',
    States: {
      Resync: invoke(fn, 'status', 'Route', {
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      }),
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.state.final', BooleanEquals: true, Next: 'Done' },
          {
            Or: [
              { Variable: '$.state.status', StringEquals: 'DRAFT' },
              { Variable: '$.state.status', StringEquals: 'RETURNED' },
            ],
            Next: 'SelfOpenOrLocked',
          },
          {
            Or: [
              { Variable: '$.state.status', StringEquals: 'SUBMITTED' },
              { Variable: '$.state.status', StringEquals: 'IN_APPRAISAL' },
            ],
            Next: 'AwaitAppraisal',
          },
          { Variable: '$.state.status', StringEquals: 'APPRAISED', Next: 'AwaitApproval' },
          { Variable: '$.state.status', StringEquals: 'APPROVED', Next: 'AwaitPublication' },
          { Variable: '$.state.status', StringEquals: 'PUBLISHED', Next: 'AwaitReport' },
          { Variable: '$.state.status', StringEquals: 'REPORTED', Next: 'Done' },
        ],
        Default: 'Failed',
      },
      SelfOpenOrLocked: {
        Type: 'Choice',
        Choices: [{ Variable: '$.state.selfLocked', BooleanEquals: true, Next: 'AwaitLateDecision' }],
        Default: 'PrepareSelf',
      },
      PrepareSelf: invoke(fn, 'prepare', 'AwaitSubmission', { Catch: toResync }),
      AwaitSubmission: wait(fn, 'submission', {
        Parameters: {
          FunctionName: fn,
          Payload: {
            action: 'await',
            step: 'submission',
            ...ids,
            'token.$': '$$.Task.Token',
            'secondsLeft.$': '$.state.secondsLeft',
          },
        },
        TimeoutSecondsPath: '$.state.secondsLeft',
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'LockSelf' }, ...toResync],
      }),
      LockSelf: invoke(fn, 'lock', 'Route', { Catch: toResync }),
      AwaitLateDecision: wait(fn, 'late-decision'),
      AwaitAppraisal: wait(fn, 'appraisal'),
      AwaitApproval: wait(fn, 'approval'),
      AwaitPublication: wait(fn, 'publication'),
      AwaitReport: wait(fn, 'report'),
      Done: { Type: 'Succeed' },
      Failed: { Type: 'Fail', Error: 'LifecycleFailed', Cause: 'Không đọc được trạng thái hồ sơ sau nhiều lần thử' },
    },
  };
}
