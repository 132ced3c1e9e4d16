/**
 * The invocation a piece of work belongs to, carried along its promises (AsyncLocalStorage).
 *
 * In AWS an invocation that outlives its timeout is stopped: the runtime answers "timed out" and
 * nothing of it runs on. In one process that serves many invocations at once (the local stack, the
 * tests) its code would go on after its answer and compete with the invocations still in time; under
 * load that work grows until nothing answers in time. So every AWS call made for an invocation first
 * checks its time (`stopAtDeadline`): once it is up, no further request leaves. It is the same failure
 * as the runtime stopping the function between two writes, which every write path already survives.
 *
 * The logger's per-request keys live here too, so that concurrent invocations never log each other's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Invocation {
  /** Epoch ms after which the invocation has answered "timed out" (Infinity without a timeout). */
  readonly deadline: number;
  /** The logger's keys of this invocation. */
  keys: Record<string, unknown>;
  /** Writes the answer waits for that nothing else of the invocation waits on (`beforeAnswer`). */
  readonly pending: Promise<void>[];
}

const current = new AsyncLocalStorage<Invocation>();

/** The invocation the caller runs for, if any. */
export const invocation = (): Invocation | undefined => current.getStore();

/** Runs `fn` as an invocation with `msLeft` milliseconds to go. */
export function runInvocation<T>(msLeft: number | undefined, fn: () => T): T {
  const deadline = msLeft === undefined || !Number.isFinite(msLeft) ? Infinity : Date.now() + msLeft;
  return current.run({ deadline, keys: {}, pending: [] }, fn);
}

/**
 * A write that must land before the answer leaves but that nothing else waits on (a reader's repair of a
 * stale summary): in an invocation it runs beside the rest of the work and the answer waits for it
 * (`settle`); its failure only leaves the repair for a later reader, so it never fails the answer.
 * Outside an invocation the caller waits for it (and sees its failure).
 */
export function beforeAnswer(write: Promise<void>): Promise<void> {
  const i = current.getStore();
  if (!i) return write;
  i.pending.push(write.catch(() => undefined));
  return Promise.resolve();
}

/** Waits for the current invocation's `beforeAnswer` writes, those they start too. */
export async function settle(): Promise<void> {
  const i = current.getStore();
  while (i && i.pending.length > 0) await Promise.all(i.pending.splice(0));
}

/** Thrown by an AWS call made for an invocation whose time is up. */
export class InvocationEnded extends Error {
  override readonly name = 'InvocationEnded';
  constructor() {
    super('the invocation has timed out; no further AWS request is sent for it');
  }
}

/** Throws InvocationEnded once the current invocation's time is up (nothing outside an invocation). */
export function assertInTime(now = Date.now()): void {
  const i = current.getStore();
  if (i && now >= i.deadline) throw new InvocationEnded();
}

interface WithMiddleware {
  middlewareStack: {
    add(
      mw: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void;
  };
}

/** Makes every command sent with `client` check the invocation's time first. */
export function stopAtDeadline<C>(client: C): C {
  (client as unknown as WithMiddleware).middlewareStack.add(
    (next) => async (args) => {
      assertInTime();
      return next(args);
    },
    { step: 'initialize', name: 'invocationDeadline', override: true },
  );
  return client;
}
