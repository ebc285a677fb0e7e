import { type DomainErrorKind, type FieldIssue, isDomainError } from '#kernel/errors.ts';
import type * as z from '#kernel/zod.ts';

/** An error that belongs to HTTP itself (unknown route, body too large, bad token…). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldIssues: readonly FieldIssue[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { fieldIssues?: readonly FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.fieldIssues = extra.fieldIssues ?? [];
    this.headers = extra.headers ?? {};
  }
}

export const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleOfStatus = (status: number): string => titles[status] ?? 'Error';

/** At most this many field problems are listed in one answer (the document says so). */
export const maxFieldIssues = 100;

/** RFC 9457 problem details, with a stable `code` and, for validation errors, the failing fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
}

export interface ProblemReply {
  status: number;
  headers: Record<string, string>;
  problem: Problem;
  /** Whether the cause is ours (5xx) and must be logged rather than shown. */
  unexpected: boolean;
}

export function problemFor(error: unknown, context: { instance?: string; requestId?: string }): ProblemReply {
  let status = 500;
  let code = 'internal_error';
  let detail = 'Something went wrong on our side; the request id helps us find it.';
  let fieldIssues: readonly FieldIssue[] = [];
  let headers: Record<string, string> = {};
  if (error instanceof HttpError) {
    ({ status, code, fieldIssues, headers } = error);
    detail = error.message;
  } else if (isDomainError(error)) {
    status = statusOfKind[error.kind];
    ({ code, fieldIssues } = error);
    detail = error.message;
  }
  const problem: Problem = {
    type: status === 500 ? 'about:blank' : `/problems/${code}`,
    title: titleOfStatus(status),
    status,
    code,
    detail,
    ...(context.instance ? { instance: context.instance } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(fieldIssues.length > 0 ? { errors: fieldIssues.slice(0, maxFieldIssues) } : {}),
  };
  return { status, headers, problem, unexpected: status >= 500 };
}

/** Zod issues → field paths prefixed with where they came from: `body.lastWorkingDay`, `query.limit`. */
export function fieldIssuesOf(
  error: z.core.$ZodError,
  location: 'body' | 'query' | 'params' | 'headers',
): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [location, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: 'This field is not accepted.',
      }));
    }
    return [{ field: path.join('.'), message: issue.message }];
  });
}
