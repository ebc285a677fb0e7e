import type { ProblemCatalogue, ProblemCode } from '#domain/errors.ts';

/**
 * Errors the domain and the use cases raise. Each carries a stable `code` that clients can rely on;
 * every code is declared in its area's problem catalogue (shared/domain/<area>/errors.ts, merged in
 * shared/domain/errors.ts), so a use case cannot raise one that is not documented. The HTTP layer
 * maps the kind to a status. Messages are safe to show to the caller.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required';

/** What a problem code means, for the catalogue (and the API's documentation). */
export interface ProblemEntry {
  kind: DomainErrorKind;
  meaning: string;
  /** What the problem+json says to a reader of Chinese (its `detail`). */
  zh: string;
}

/** The codes of one kind: a ConflictError takes only a conflict code. */
type CodeOf<K extends DomainErrorKind> = {
  [C in ProblemCode]: ProblemCatalogue[C]['kind'] extends K ? C : never;
}[ProblemCode];

/** The problems every area may answer with. */
export const kernelProblems = {
  validation_failed: {
    kind: 'invalid',
    meaning: 'The request is not valid; `errors` names each field',
    zh: '请求无效，errors 列出了每个有问题的字段。',
  },
  permission_denied: {
    kind: 'forbidden',
    meaning: 'The caller lacks the permission this needs',
    zh: '您没有执行此操作所需的权限。',
  },
  field_not_allowed: {
    kind: 'forbidden',
    meaning: 'The caller may change the record, not these fields',
    zh: '您可以修改这条记录，但不能修改这些字段。',
  },
  account_disabled: {
    kind: 'forbidden',
    meaning: "The caller's account is disabled",
    zh: '您的账号已停用。',
  },
  not_found: {
    kind: 'not_found',
    meaning: 'No such resource, or none the caller may see',
    zh: '没有这项资源，或您无权查看。',
  },
  stale_version: {
    kind: 'precondition_failed',
    meaning: 'If-Match names a version that is not current',
    zh: 'If-Match 所指的版本已不是最新版本，请重新读取后再修改。',
  },
  if_match_required: {
    kind: 'precondition_required',
    meaning: 'An update needs If-Match with the ETag read',
    zh: '修改需要带上读取时得到的 ETag（If-Match 请求头）。',
  },
  malformed_json: { kind: 'invalid', meaning: 'The body is not valid JSON', zh: '请求正文不是有效的 JSON。' },
  invalid_cursor: {
    kind: 'invalid',
    meaning: 'The cursor is not one this listing gave out',
    zh: '分页游标不是本列表给出的。',
  },
  request_in_progress: {
    kind: 'conflict',
    meaning: 'A request with this Idempotency-Key is still running',
    zh: '使用同一 Idempotency-Key 的请求仍在处理中。',
  },
} as const satisfies Record<string, ProblemEntry>;

export interface FieldIssue {
  field: string;
  message: string;
  /** The message for a reader of Chinese, where there is one. */
  zh?: string;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: ProblemCode;
  readonly fieldIssues: readonly FieldIssue[];
  /** The detail for a reader of Chinese, where the thrower says more than the code's meaning. */
  readonly zh: string | undefined;

  constructor(
    kind: DomainErrorKind,
    code: ProblemCode,
    message: string,
    fieldIssues: readonly FieldIssue[] = [],
    zh?: string,
  ) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    this.fieldIssues = fieldIssues;
    this.zh = zh;
  }

  /** The same error with its fields named from where they came: `managerId` → `body.managerId`. */
  withFieldPrefix(prefix: string): DomainError {
    if (this.fieldIssues.length === 0) return this;
    const issues = this.fieldIssues.map((i) => ({ ...i, field: `${prefix}.${i.field}` }));
    return new DomainError(this.kind, this.code, this.message, issues, this.zh);
  }
}

export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    fieldIssues: readonly FieldIssue[],
    code: CodeOf<'invalid'> = 'validation_failed',
  ) {
    super('invalid', code, message, fieldIssues);
  }
}

export class PermissionDeniedError extends DomainError {
  constructor(message: string, code: CodeOf<'forbidden'> = 'permission_denied', zh?: string) {
    super('forbidden', code, message, [], zh);
  }

  /** The caller lacks this permission: said in both languages. */
  static needs(permission: string): PermissionDeniedError {
    return new PermissionDeniedError(
      `This needs the permission ${permission}.`,
      'permission_denied',
      `此操作需要权限 ${permission}。`,
    );
  }
}

/** The caller may change the record, but not these fields of it (no mass assignment). */
export class FieldsNotAllowedError extends DomainError {
  constructor(fields: readonly string[]) {
    super(
      'forbidden',
      'field_not_allowed',
      'You may not change some of these fields.',
      fields.map((field) => ({ field, message: 'You may not change this field' })),
    );
  }
}

/** Turns schema issues into an InvalidInputError naming each field. */
export function invalidFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix = '',
): InvalidInputError {
  return new InvalidInputError(
    'The request is not valid.',
    issues.map((i) => ({
      field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
      message: i.message,
    })),
  );
}

export class AccountDisabledError extends DomainError {
  constructor() {
    super('forbidden', 'account_disabled', 'This account is disabled.');
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code: CodeOf<'not_found'> = 'not_found') {
    super('not_found', code, `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: CodeOf<'conflict'>, message: string) {
    super('conflict', code, message);
  }
}

/** The caller's `If-Match` names a version that is no longer current. */
export class StaleVersionError extends DomainError {
  constructor() {
    super('precondition_failed', 'stale_version', 'The resource changed since you read it; read it again.');
  }
}

/** An update arrived without `If-Match`. */
export class VersionRequiredError extends DomainError {
  constructor() {
    super('precondition_required', 'if_match_required', 'Send If-Match with the ETag you read.');
  }
}

/**
 * The precondition of an update, checked by the use case after it has found the resource and the
 * caller's right to change it (so that 428/412 never tell an outsider that a version exists): the
 * caller's `If-Match` version must be the current one.
 */
export function requireVersion(current: number, expected: number | undefined): void {
  if (expected === undefined) throw new VersionRequiredError();
  if (current !== expected) throw new StaleVersionError();
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
