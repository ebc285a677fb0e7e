import { type ProblemCode, problemCatalogue } from '#domain/errors.ts';
import { statusOfKind } from './problem.ts';
import type { RouteSpec } from './route.ts';

/**
 * The problems of the HTTP layer itself, each with its status and meaning (the domain's are in
 * shared/domain/errors.ts). `throttled` and API Gateway's own 401 come from API Gateway, not from us.
 */
export const httpProblems = {
  unauthenticated: {
    status: 401,
    meaning: 'No valid bearer token (a Cognito access token)',
    zh: '需要有效的访问令牌（Bearer）。',
  },
  body_too_large: {
    status: 413,
    meaning: "The body exceeds the route's limit",
    zh: '请求正文超过了该接口的上限。',
  },
  unsupported_media_type: {
    status: 415,
    meaning: 'The body is not in a media type the route takes',
    zh: '该接口不接受这种格式的请求正文。',
  },
  idempotency_key_reused: {
    status: 422,
    meaning: 'The Idempotency-Key came with a different request before',
    zh: '此 Idempotency-Key 之前用于另一个不同的请求。',
  },
  throttled: {
    status: 429,
    meaning: 'Too many requests: API Gateway throttles the stage',
    zh: '请求过多，请稍后重试。',
  },
  internal_error: {
    status: 500,
    meaning: 'Our fault; the requestId helps us find the cause',
    zh: '服务器出错了，请求编号可以帮助我们查找原因。',
  },
  route_not_found: { status: 404, meaning: 'No route has this path', zh: '没有这个接口。' },
  method_not_allowed: {
    status: 405,
    meaning: 'The path takes other methods; `Allow` lists them',
    zh: '该路径不接受此请求方法，Allow 响应头列出了可用的方法。',
  },
  not_ready: {
    status: 503,
    meaning: 'What the API needs (DynamoDB, S3) does not answer; `detail` says which',
    zh: 'API 依赖的服务（DynamoDB、S3）没有响应。',
  },
} as const;

type HttpProblemCode = keyof typeof httpProblems;
export type AnyProblemCode = ProblemCode | HttpProblemCode;

export const statusOfProblem = (code: AnyProblemCode): number =>
  code in httpProblems
    ? httpProblems[code as HttpProblemCode].status
    : statusOfKind[problemCatalogue[code as ProblemCode].kind];

/** The problem's `detail` for a reader of Chinese: what the code means, in Chinese. */
export const chineseOfProblem = (code: string): string | undefined =>
  code in httpProblems
    ? httpProblems[code as HttpProblemCode].zh
    : (problemCatalogue as Record<string, { zh: string } | undefined>)[code]?.zh;

export const meaningOfProblem = (code: AnyProblemCode): string =>
  code in httpProblems
    ? httpProblems[code as HttpProblemCode].meaning
    : problemCatalogue[code as ProblemCode].meaning;

const queryKeys = (route: RouteSpec): string[] => {
  const shape = (route.query as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
  return shape ? Object.keys(shape) : [];
};

/**
 * Every problem a route may answer: those that follow from its shape (input, token, If-Match,
 * Idempotency-Key, body), plus the domain codes it declares in `problems`. The OpenAPI document lists
 * exactly these, by status; the error mapper reports any other it is asked to send (a gap in the contract).
 */
export function problemsOfRoute(route: RouteSpec): AnyProblemCode[] {
  // Any request may carry a body: one too large is 413, one a route does not take is 400.
  const codes = new Set<AnyProblemCode>([
    'internal_error',
    'throttled',
    'validation_failed',
    'body_too_large',
  ]);
  if (route.body) codes.add('malformed_json');
  if (route.body || route.rawBody) codes.add('unsupported_media_type');
  if (queryKeys(route).includes('cursor')) codes.add('invalid_cursor');
  if (route.auth === 'jwt') {
    for (const code of ['unauthenticated', 'account_unknown', 'account_disabled'] as const) codes.add(code);
    codes.add('permission_denied');
    if (route.params) codes.add('not_found');
  }
  if (route.requiresIfMatch) {
    codes.add('if_match_required');
    codes.add('stale_version');
  }
  if (route.idempotent) {
    codes.add('request_in_progress');
    codes.add('idempotency_key_reused');
  }
  for (const code of route.problems ?? []) codes.add(code);
  return [...codes];
}

/** The problems of a route by status, e.g. `{ 409: ['resignation_open', 'request_in_progress'] }`. */
export function problemsByStatus(route: RouteSpec): Map<number, AnyProblemCode[]> {
  const byStatus = new Map<number, AnyProblemCode[]>();
  for (const code of problemsOfRoute(route)) {
    const status = statusOfProblem(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

// A set: a function that lives long keeps each gap once, however often it is answered.
const breaches = new Set<string>();

/**
 * Called by the error mapper for every refusal: a problem the route's contract does not list is
 * logged and kept here, where the integration tests look after each file (so the document cannot
 * drift from what the routes answer).
 */
export function checkAgainstContract(route: RouteSpec | undefined, status: number, code: string): boolean {
  if (!route) return true;
  const listed = problemsByStatus(route).get(status) ?? [];
  if ((listed as string[]).includes(code)) return true;
  breaches.add(`${route.method} ${route.path} answered ${status} ${code}`);
  return false;
}

export const contractBreaches = (): readonly string[] => [...breaches];
