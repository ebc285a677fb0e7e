/**
 * Errors the domain and the use cases raise. Each carries a stable `code` that clients can rely on;
 * the HTTP layer maps the kind to a status. Messages are safe to show to the caller.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required';

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly fieldIssues: readonly FieldIssue[];

  constructor(kind: DomainErrorKind, code: string, message: string, fieldIssues: readonly FieldIssue[] = []) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    this.fieldIssues = fieldIssues;
  }

  /** The same error with its fields named from where they came: `managerId` → `body.managerId`. */
  withFieldPrefix(prefix: string): DomainError {
    if (this.fieldIssues.length === 0) return this;
    const issues = this.fieldIssues.map((i) => ({ ...i, field: `${prefix}.${i.field}` }));
    return new DomainError(this.kind, this.code, this.message, issues);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, fieldIssues: readonly FieldIssue[], code = 'validation_failed') {
    super('invalid', code, message, fieldIssues);
  }
}

export class PermissionDeniedError extends DomainError {
  constructor(message: string, code = 'permission_denied') {
    super('forbidden', code, message);
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
  constructor(what: string, code = 'not_found') {
    super('not_found', code, `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
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

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
