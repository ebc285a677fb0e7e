import zhCN from 'zod/v4/locales/zh-CN.js';
import { type DomainErrorKind, type FieldIssue, isDomainError } from '#kernel/errors.ts';
import type { Locale } from '#kernel/locale.ts';
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

const chineseTitles: Record<number, string> = {
  400: '请求无效',
  401: '未认证',
  403: '禁止访问',
  404: '未找到',
  405: '方法不允许',
  409: '冲突',
  412: '前提条件不满足',
  413: '内容过大',
  415: '不支持的媒体类型',
  422: '无法处理的内容',
  428: '需要前提条件',
  429: '请求过多',
  431: '请求头过大',
  500: '服务器内部错误',
  503: '服务不可用',
};

export const titleOfStatus = (status: number, locale: Locale = 'en'): string =>
  locale === 'zh-CN' ? (chineseTitles[status] ?? '错误') : (titles[status] ?? 'Error');

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
  /** The language it is written in (Content-Language). */
  locale: Locale;
}

/**
 * The problem+json for an error, in the reader's language: in English the error's own detail; in
 * Chinese the status title and what the code means (`chineseOfDetail`), with zod's Chinese messages
 * for the fields (a rule's own message stays as the schema words it).
 */
export function problemFor(
  error: unknown,
  context: {
    instance?: string;
    requestId?: string;
    locale?: Locale;
    chineseOfDetail?: (code: string) => string | undefined;
  },
): ProblemReply {
  let status = 500;
  let code = 'internal_error';
  let detail = 'Something went wrong on our side; the request id helps us find it.';
  let zh: string | undefined;
  let fieldIssues: readonly FieldIssue[] = [];
  let headers: Record<string, string> = {};
  if (error instanceof HttpError) {
    ({ status, code, fieldIssues, headers } = error);
    detail = error.message;
  } else if (isDomainError(error)) {
    status = statusOfKind[error.kind];
    ({ code, fieldIssues, zh } = error);
    detail = error.message;
  }
  const chinese = context.locale === 'zh-CN';
  const problem: Problem = {
    type: status === 500 ? 'about:blank' : `/problems/${code}`,
    title: titleOfStatus(status, context.locale),
    status,
    code,
    detail: chinese ? (zh ?? context.chineseOfDetail?.(code) ?? titleOfStatus(status, 'zh-CN')) : detail,
    ...(context.instance ? { instance: context.instance } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(fieldIssues.length > 0
      ? {
          errors: fieldIssues
            .slice(0, maxFieldIssues)
            .map(({ field, message, zh }) => ({ field, message: chinese ? (zh ?? message) : message })),
        }
      : {}),
  };
  return { status, headers, problem, unexpected: status >= 500, locale: chinese ? 'zh-CN' : 'en' };
}

/** zod's own messages in Chinese, for a second parse of what failed (a rule's own message wins). */
export const chineseIssues = zhCN().localeError;

/**
 * Zod issues → field paths prefixed with where they came from: `body.lastWorkingDay`, `query.limit`;
 * with the same parse's issues in Chinese (`chineseIssues`), each also as a reader of Chinese reads it.
 */
export function fieldIssuesOf(
  error: z.core.$ZodError,
  location: 'body' | 'query' | 'params' | 'headers',
  chinese?: z.core.$ZodError,
): FieldIssue[] {
  return error.issues.flatMap((issue, index) => {
    const path = [location, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: 'This field is not accepted.',
        zh: '不接受此字段。',
      }));
    }
    const zh = chinese?.issues[index]?.message;
    return [{ field: path.join('.'), message: issue.message, ...(zh ? { zh } : {}) }];
  });
}

/**
 * The language a caller reads, from Accept-Language: Chinese or English, whichever comes first by
 * weight (`zh-CN,zh;q=0.9,en;q=0.8` → zh-CN); undefined when it names neither.
 */
export function localeOfAcceptLanguage(header: string | undefined): Locale | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = Number(/^\s*q=([\d.]+)/.exec(rest.join(';'))?.[1] ?? 1);
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}
