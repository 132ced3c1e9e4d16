/**
 * The local stand-in for API Gateway + CloudFront: one HTTP server that serves the built web app at `/`
 * and the API at `/api`, turning each request into the same HTTP API (v2) event AWS sends, with the
 * JWT checked the way the authorizer does and its claims passed through as strings.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { InvalidInput, NotAuthenticated, NotFound, TooLarge, type DomainError } from '../shared/errors.js';
import { decodePathParam, errorResult, type ApiEvent, type ApiResult } from '../functions/lib/http.js';
import { ROUTES, type FunctionName, type RouteDef } from '../functions/routes.js';
import { asGatewayClaims, verifyJwt } from './jwt.js';
import { Slots } from './slots.js';

export type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;
export type LocalRoute = (body: unknown) => Promise<ApiResult>;

export interface ServerOptions {
  handlers: Record<FunctionName, LambdaHandler | undefined>;
  /** Local-only routes (POST /api/dev/token), never part of ROUTES and never deployed. */
  localRoutes: Record<string, LocalRoute>;
  jwtSecret: string;
  webDir: string;
  config: Record<string, unknown>;
  /** Each invocation's time, as a function's timeout in AWS (infra: 10 s unless a function sets its own). */
  functionTimeoutMs?: number;
  /** How many invocations run at once (slots.ts); the others wait their turn, within their time. */
  concurrency?: number;
}

/** Invocations at once unless told otherwise: enough to keep the handlers' thread and dynalite's busy. */
export const DEFAULT_CONCURRENCY = 8;

interface CompiledRoute extends RouteDef {
  method: string;
  pattern: RegExp;
  names: string[];
}

const MAX_BODY = 1024 * 1024;

function compile(r: RouteDef): CompiledRoute {
  const [method, path] = r.routeKey.split(' ') as [string, string];
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '$',
  );
  return { ...r, method, pattern, names };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function send(res: http.ServerResponse, r: ApiResult) {
  res.writeHead(r.statusCode ?? 200, r.headers as http.OutgoingHttpHeaders);
  res.end(r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
}

const busy = (): ApiResult => ({
  statusCode: 503,
  headers: { 'content-type': 'application/json', 'retry-after': '1' },
  body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Hệ thống đang quá tải; vui lòng thử lại sau giây lát.' } }),
});

/** Media types API Gateway passes base64-encoded (binaryMediaTypes): a framework's .xlsx, up to 4 MB (FRAMEWORK_XLSX_MAX_BYTES). */
const BINARY_BODY = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BINARY_BODY = 4 * 1024 * 1024;

function readBody(req: http.IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  const MAX_BODY_HERE = max;
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so that the client gets the 413 (destroying the
    // request here reset the connection before any answer was sent).
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_HERE) chunks.push(c);
    });
    req.on('end', () =>
      size > MAX_BODY_HERE
        ? fail(new TooLarge('Yêu cầu quá lớn.', [{ field: '(body)', max: MAX_BODY_HERE }]))
        : ok(Buffer.concat(chunks)),
    );
    req.on('error', fail);
  });
}

export function createLocalServer(opts: ServerOptions): http.Server {
  const routes = ROUTES.map(compile);
  const webRoot = resolve(opts.webDir);
  const timeoutMs = opts.functionTimeoutMs ?? 10_000;
  const slots = new Slots(opts.concurrency ?? DEFAULT_CONCURRENCY);

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const method = req.method ?? 'GET';
    const routeKeyLocal = `${method} ${url.pathname}`;
    const local = opts.localRoutes[routeKeyLocal];
    if (local) {
      const raw = (await readBody(req)).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = Symbol('invalid');
      }
      return send(res, await local(body));
    }
    let match: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(url.pathname);
      if (m) {
        match = { route, params: Object.fromEntries(route.names.map((n, i) => [n, m[i + 1]!])) };
        break;
      }
    }
    if (!match) throw new NotFound('Không có đường dẫn này.');
    // API Gateway refuses a malformed escape itself (400), before any function runs.
    for (const v of Object.values(match.params)) decodePathParam(v);
    const handler = opts.handlers[match.route.fn];
    if (!handler) throw new NotFound('Không có đường dẫn này.');
    let claims: Record<string, string> | undefined;
    if (match.route.auth) {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer (.+)$/i.exec(header)?.[1];
      const verified = token ? verifyJwt(token, opts.jwtSecret) : undefined;
      if (!verified) throw new NotAuthenticated('Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.');
      claims = asGatewayClaims(verified);
    }
    // The one binary body: an .xlsx to import, passed base64-encoded like API Gateway does, up to 4 MB.
    const binary = (req.headers['content-type'] ?? '').split(';')[0]!.trim() === BINARY_BODY;
    const body = await readBody(req, binary ? MAX_BINARY_BODY : MAX_BODY);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const now = Date.now();
    const requestId = randomUUID();
    const event = {
      version: '2.0',
      routeKey: match.route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
      ...(match.route.names.length ? { pathParameters: match.params } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: match.route.routeKey,
        stage: '$default',
        time: new Date(now).toUTCString(),
        timeEpoch: now,
        ...(claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } } } : {}),
      },
      ...(body.length ? { body: body.toString(binary ? 'base64' : 'utf8') } : {}),
      isBase64Encoded: binary,
    } as unknown as ApiEvent;
    const context = {
      awsRequestId: requestId,
      functionName: `local-${match.route.fn}`,
      getRemainingTimeInMillis: () => timeoutMs - (Date.now() - now),
    } as unknown as Context;
    // A request whose time ran out while it waited for a slot never reaches its function (as a throttled
    // invocation never does in AWS); the client hears that the service is busy, and may try again.
    if (!(await slots.take(context.getRemainingTimeInMillis()))) return send(res, busy());
    try {
      send(res, await handler(event, context));
    } finally {
      slots.release();
    }
  }

  function file(res: http.ServerResponse, url: URL) {
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': MIME['.json']!, 'cache-control': 'no-store' });
      return res.end(JSON.stringify(opts.config));
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': MIME['.txt']! });
      return res.end('Đường dẫn chứa ký tự mã hóa không hợp lệ.');
    }
    const rel = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
    let path = join(webRoot, rel);
    if (!path.startsWith(webRoot)) path = join(webRoot, '200.html');
    if (!existsSync(path) || statSync(path).isDirectory()) {
      const html = `${path.replace(/\/$/, '')}.html`;
      path = existsSync(html) ? html : join(webRoot, '200.html');
    }
    if (!existsSync(path)) {
      res.writeHead(503, { 'content-type': MIME['.txt']! });
      return res.end('Chưa có bản dựng giao diện: hãy chạy "npm run build:web" (npm start tự chạy bước này).');
    }
    const immutable = url.pathname.startsWith('/_app/immutable/');
    res.writeHead(200, {
      'content-type': MIME[extname(path)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function failed(res: http.ServerResponse, e: unknown) {
    if (res.headersSent) return res.destroy();
    if ((e as DomainError)?.code) return send(res, errorResult(e as DomainError));
    process.stderr.write(`local router: ${(e as Error)?.stack ?? String(e)}\n`);
    send(res, {
      statusCode: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Lỗi hệ thống.' } }),
    });
  }

  // Nothing a request carries may throw out of here: an exception in this callback ends the process,
  // and with it the service of every user.
  return http.createServer((req, res) => {
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        throw new InvalidInput('Đường dẫn không hợp lệ.', [{ field: '(path)' }]);
      }
      if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') return file(res, url);
      api(req, res, url).catch((e: unknown) => failed(res, e));
    } catch (e) {
      failed(res, e);
    }
  });
}
