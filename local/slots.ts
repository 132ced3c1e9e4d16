/**
 * The local stack's invocation slots: at most `size` function invocations run at once, the others wait
 * their turn in arrival order. In AWS each invocation has an execution environment of its own, one
 * request at a time; here every function shares one process and two threads (handlers, dynalite), and
 * hundreds of invocations interleaved on them all finish late together. With the mixed load of
 * bench/mixed.ts (300 clients) on a 2-core machine: unbounded, about 34 requests a second and hundreds
 * of timeouts; 6 to 24 slots, 2 to 5 times that and none (BENCHMARKS.md).
 *
 * A wait counts in the invocation's time (server.ts measures it from the request's arrival); a request
 * whose time runs out before it gets a slot is never run (`take` answers false).
 */
export class Slots {
  private running = 0;
  private readonly queue: { start: () => void; gone: boolean }[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`invocation slots: ${size} is not a whole number ≥ 1`);
  }

  /** True once a slot is taken (release it after), false if `ms` passed first. */
  take(ms: number): Promise<boolean> {
    while (this.queue[0]?.gone) this.queue.shift();
    if (this.running < this.size && this.queue.length === 0) {
      this.running++;
      return Promise.resolve(true);
    }
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((done) => {
      const waiter = {
        gone: false,
        start: () => {
          clearTimeout(timer);
          done(true);
        },
      };
      const timer = setTimeout(() => {
        waiter.gone = true;
        done(false);
      }, ms);
      this.queue.push(waiter);
    });
  }

  /** Gives the slot to the first waiter still waiting, or frees it. */
  release(): void {
    for (let w = this.queue.shift(); w; w = this.queue.shift())
      if (!w.gone) {
        w.start();
        return;
      }
    this.running--;
  }

  /** Invocations running, and waiting (the latter may include some whose time ran out). */
  get load() {
    return { running: this.running, waiting: this.queue.filter((w) => !w.gone).length };
  }
}
