/**
 * A closed-loop load generator: `clients` concurrent clients, each sending its next request as soon as
 * its last one answered, until a deadline or a hard cap on the number of requests (whichever comes
 * first). Every request is timed from its start to its answer read; a request is an error unless it
 * answered 2xx (a throw — network error, timeout — is an error too). The first `warmupSeconds` run the
 * same load unmeasured (the first burst of every client at once meets connections being opened and
 * code not yet compiled, on either side of a comparison): their requests' times are left out, their
 * errors are not.
 */
import { percentile } from '../local-process.js';

export interface KindStats {
  /** Requests measured (those started after the warm-up). */
  n: number;
  /** Errors over every request, the warm-up's too. */
  errors: number;
  /** Answers by HTTP status ("network" for a request that threw). */
  statuses: Record<string, number>;
  p50: number;
  p99: number;
}

export interface LoadResult<K extends string> {
  byKind: Record<K, KindStats>;
  /** From the first request's start to the last answer. */
  wallMs: number;
  /** The cap on requests was reached before the deadline. */
  capped: boolean;
}

export interface LoadOptions<K extends string> {
  clients: number;
  /** Measured seconds, after the warm-up. */
  seconds: number;
  /** Seconds of the same load before the measured ones (default 0). */
  warmupSeconds?: number;
  /** Hard cap on requests over all clients. */
  maxRequests: number;
  kinds: readonly K[];
  /** The kind of client `client`'s request number `i`. */
  pick: (client: number, i: number) => K;
  /** Sends it; answers its HTTP status (or throws). */
  send: (kind: K, client: number, i: number) => Promise<number>;
}

export async function closedLoop<K extends string>(o: LoadOptions<K>): Promise<LoadResult<K>> {
  const latencies = Object.fromEntries(o.kinds.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const statuses = Object.fromEntries(o.kinds.map((k) => [k, {}])) as Record<K, Record<string, number>>;
  const errors = Object.fromEntries(o.kinds.map((k) => [k, 0])) as Record<K, number>;
  const started = performance.now();
  const measuredFrom = started + (o.warmupSeconds ?? 0) * 1000;
  const end = Date.now() + ((o.warmupSeconds ?? 0) + o.seconds) * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      for (let i = 0; Date.now() < end && issued < o.maxRequests; i++) {
        issued++;
        const kind = o.pick(c, i);
        const t = performance.now();
        const status = await o.send(kind, c, i).catch(() => 'network' as const);
        if (t >= measuredFrom) latencies[kind].push(performance.now() - t);
        const seen: Record<string, number> = statuses[kind];
        seen[status] = (seen[status] ?? 0) + 1;
        if (typeof status !== 'number' || status < 200 || status > 299) errors[kind]++;
      }
    }),
  );
  const byKind = {} as Record<K, KindStats>;
  for (const k of o.kinds) {
    const sorted = latencies[k].sort((a, b) => a - b);
    byKind[k] = {
      n: sorted.length,
      errors: errors[k],
      statuses: statuses[k],
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    };
  }
  return { byKind, wallMs: performance.now() - started, capped: issued >= o.maxRequests };
}

/** "200: 4321, 409: 2" */
export const statusText = (s: KindStats) =>
  Object.entries(s.statuses)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');

/** vi-VN: 10.000; 0,25 */
export const vi = (n: number, digits = 0) => n.toLocaleString('vi-VN', { maximumFractionDigits: digits });
