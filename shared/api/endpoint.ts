/**
 * What one entry of the API table holds, and the types the handlers, the web client and the tests
 * derive from it. Type-level only apart from `endpoint()`, so the web can import it for types without
 * pulling zod into a page.
 */
import type * as z from 'zod';
import type { ErrorCode } from '../errors.js';

/** The Lambda that serves a route group; its entry file is functions/<name>.ts. */
export type FunctionName =
  'manage-cycles' | 'manage-self-assessment' | 'manage-evidence' | 'appraise-assessment' | 'rank-and-publish' | 'export-reports';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EndpointDef {
  method: Method;
  /** API Gateway style: `/api/cycles/{cycleId}/…`. */
  path: string;
  /** The Lambda serving it; `local` only in the local stack, never deployed. */
  group: FunctionName | 'local';
  /** false: no JWT needed (health, public results, this document). */
  auth: boolean;
  summary: string;
  /** The same in Vietnamese, shown beside it in the API reference (/tai-lieu-api/). */
  summaryVi: string;
  /** Who may call it, for the docs (the decision itself is shared/permissions.ts). */
  who: string;
  /** The JSON body it takes, if any. */
  request?: z.ZodType;
  status: 200 | 201 | 204;
  /** The JSON body it answers; absent for 204 and for spreadsheets. */
  response?: z.ZodType;
  /** A binary download (its media type) instead of a JSON body. */
  file?: string;
  /** The 4xx codes it may answer, each with the error body. */
  errors: readonly ErrorCode[];
}

/**
 * Keeps the literal types of an entry (method, path, schemas) for the derived types, and adds the
 * errors every entry of its kind may answer whatever its own rules: a signed-in route refuses a
 * missing token (401) and a token whose unit or role does not fit (403); a path parameter may be
 * malformed or too long (400).
 */
export const endpoint = <const E extends EndpointDef>(e: E): E => {
  const implied: ErrorCode[] = [
    ...(e.auth ? (['UNAUTHENTICATED', 'FORBIDDEN'] as const) : []),
    ...(e.path.includes('{') ? (['VALIDATION'] as const) : []),
  ];
  return { ...e, errors: [...new Set([...e.errors, ...implied])] };
};

/** API Gateway's route key of an endpoint: "METHOD /path/{param}". */
export const routeKeyOf = (e: Pick<EndpointDef, 'method' | 'path'>) => `${e.method} ${e.path}`;

/** `{cycleId}` and `{unitId}` of `/api/cycles/{cycleId}/assessments/{unitId}`. */
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;
export type ParamsOf<E extends Pick<EndpointDef, 'path'>> = { [K in ParamNames<E['path']>]: string };

export type RequestOf<E extends EndpointDef> = E extends { request: infer S extends z.ZodType } ? z.input<S> : undefined;
/** The JSON body answered on success (undefined for 204 and for files). */
export type ResponseOf<E extends EndpointDef> = E extends { response: infer S extends z.ZodType } ? z.output<S> : undefined;

/** Builds a concrete path from the template; every parameter URL-encoded. */
export function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} of ${template}`);
    return encodeURIComponent(v);
  });
}
