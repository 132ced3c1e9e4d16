/**
 * The local stack for the load benches (`npm start` in a child process, loopback only, its own
 * temporary data directory kept after it stops so that its table can be read back), and what every
 * load bench prepares on it: the seeded current cycle's communes, each with a commune officer's token
 * and every self-assessment row filled once, so that every item is at its full size from the first
 * measured request on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessments } from '../../shared/api/assessments.js';
import { pathOf } from '../../shared/api/endpoint.js';
import { catalog } from '../../shared/api/catalog.js';
import { localEndpoints, type DevTokenResponse } from '../../shared/api/local.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { Framework, FrameworkNode } from '../../shared/framework.js';
import type { AssessmentResponse, AssessmentSummary, Cycle, SaveSelfRequest } from '../../shared/schemas.js';
import type { Role } from '../../shared/permissions.js';
import { startChildStack } from '../local-process.js';

/** No request of a bench waits longer than this (the load's wall time stays bounded). */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface BenchStack {
  url: string;
  /** The stack's DATA_DIR: its dynalite data is under `dynamodb/`. */
  dataDir: string;
  /** Stops it (once; later calls answer the same promise). */
  stop(): Promise<void>;
  /** Deletes the data directory (after stop). */
  remove(): void;
}

export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-load-'));
  const stack = await startChildStack({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
  let stopped: Promise<void> | undefined;
  return {
    // Loopback by address: no name lookup, never another interface.
    url: stack.url.replace('//localhost:', '//127.0.0.1:'),
    dataDir,
    stop: () => (stopped ??= stack.stop()),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function call(
  url: string,
  token: string | undefined,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: r.status, text: await r.text() };
}

async function ok<T>(p: Promise<{ status: number; text: string }>, what: string): Promise<T> {
  const r = await p;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text) as T;
}

export const devToken = async (url: string, role: Role, unitId?: string) =>
  (
    await ok<DevTokenResponse>(
      call(url, undefined, 'POST', localEndpoints.issueDevToken.path, { role, unitId }),
      `token ${role} ${unitId ?? ''}`,
    )
  ).token;

/** The version a save or a read answered (the one the client sends next). */
export function versionOf(text: string): number {
  const v = (JSON.parse(text) as Pick<AssessmentResponse, 'version'>).version;
  if (typeof v !== 'number') throw new Error(`no version in the answer: ${text.slice(0, 200)}`);
  return v;
}

export interface BenchCommune {
  unitId: string;
  token: string;
  /** The version its fill answered. */
  version: number;
}

export interface Prepared {
  cycleId: string;
  framework: Framework;
  provinceToken: string;
  communes: BenchCommune[];
}

/** A score in the row's steps of 0,25 and an explanation of a realistic length. */
export function selfItem(leaf: FrameworkNode, i: number, rnd: () => number): SaveSelfRequest['items'][string] {
  return {
    score: (Math.floor(rnd() * (leaf.max / 25 + 1)) * 25) / 100,
    explanation: `Văn bản số ${i}/KH-UBND ngày ${1 + (i % 28)}/${1 + (i % 12)} của UBND xã`,
  };
}

/**
 * The newest cycle and every commune the seed gave an assessment in it (as many as the seed made),
 * each with its officer's token and every row saved once.
 */
export async function prepareCommunes(url: string, rnd: () => number): Promise<Prepared> {
  const provinceToken = await devToken(url, 'province');
  const cycles = await ok<Cycle[]>(call(url, provinceToken, 'GET', catalog.listCycles.path), 'cycles');
  const cycle = cycles[0]!; // newest first
  const framework = getFramework(cycle.frameworkId);
  if (!framework) throw new Error(`framework ${cycle.frameworkId}`);
  const list = await ok<AssessmentSummary[]>(
    call(url, provinceToken, 'GET', pathOf(assessments.listAssessments.path, { cycleId: cycle.id })),
    'list',
  );
  const communes: BenchCommune[] = [];
  for (let i = 0; i < list.length; i += 10)
    communes.push(
      ...(await Promise.all(
        list.slice(i, i + 10).map(async (a) => {
          const token = await devToken(url, 'commune_officer', a.unitId);
          const items = Object.fromEntries(framework.leaves.map((l, j) => [l.code, selfItem(l, j, rnd)]));
          const saved = await call(
            url,
            token,
            'PUT',
            pathOf(assessments.saveSelf.path, { cycleId: cycle.id, unitId: a.unitId }),
            {
              version: a.version,
              items,
            },
          );
          if (saved.status !== 200) throw new Error(`fill ${a.unitId}: ${saved.status} ${saved.text.slice(0, 300)}`);
          return { unitId: a.unitId, token, version: versionOf(saved.text) };
        }),
      )),
    );
  return { cycleId: cycle.id, framework, provinceToken, communes };
}

/**
 * Client `client` of `clients` writes to commune `client % communes` and, when several clients share
 * one commune, only its own share of the rows (clients of one commune never change the same row, so
 * the product merges their saves and none should meet a conflict).
 */
export function ownRows(fw: Framework, clients: number, communes: number, client: number): FrameworkNode[] {
  const perCommune = Math.ceil(clients / communes);
  const share = Math.floor(client / communes);
  return fw.leaves.filter((_, j) => j % perCommune === share);
}

/**
 * The clients of a load over prepared communes: each remembers the version it last got (from its own
 * saves and reads) and sends it with its next save.
 */
export function loadClients(url: string, p: Prepared, clients: number, rnd: () => number) {
  const communeOf = (c: number) => p.communes[c % p.communes.length]!;
  const versions = Array.from({ length: clients }, (_, c) => communeOf(c).version);
  const rows = Array.from({ length: clients }, (_, c) => ownRows(p.framework, clients, p.communes.length, c));
  const at = (c: number) => ({ cycleId: p.cycleId, unitId: communeOf(c).unitId });
  let told = 0;
  /** A refusal is an error of the bench; the first few are shown so that they can be looked into. */
  const tell = (what: string, r: { status: number; text: string }) => {
    if (told++ < 5) console.error(`${what}: ${r.status} ${r.text.slice(0, 400)}`);
  };
  return {
    communeOf,
    /** Saves one of the client's own rows (PUT …/self) at the version it last got. */
    async save(c: number, i: number): Promise<number> {
      const leaf = rows[c]![i % rows[c]!.length]!;
      const r = await call(url, communeOf(c).token, 'PUT', pathOf(assessments.saveSelf.path, at(c)), {
        version: versions[c],
        items: { [leaf.code]: selfItem(leaf, i, rnd) },
      });
      if (r.status === 200) versions[c] = versionOf(r.text);
      else tell(`save ${communeOf(c).unitId} ${leaf.code} at v${versions[c]}`, r);
      return r.status;
    },
    /** Reads the client's commune's assessment (GET …/assessments/{unitId}). */
    async read(c: number): Promise<number> {
      const r = await call(url, communeOf(c).token, 'GET', pathOf(assessments.getAssessment.path, at(c)));
      if (r.status === 200) versions[c] = versionOf(r.text);
      else tell(`read ${communeOf(c).unitId}`, r);
      return r.status;
    },
  };
}
