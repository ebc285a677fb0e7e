import type { Principal } from '#kernel/principal.ts';
import type * as z from '#kernel/zod.ts';
import type { AnyProblemCode } from './contract.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  body?: z.ZodMiniType;
  /**
   * What the document shows for a body that the use case checks itself, after its permission check
   * (so a caller without the permission is refused before being told what is wrong with the body).
   */
  documentedBody?: z.ZodMiniType;
  /** Response headers worth documenting (e.g. ETag). */
  headers?: readonly string[];
  /** A body that is not JSON (a page, a script), in these media types. */
  mediaTypes?: readonly string[];
}

/**
 * One HTTP route: the single description that the handler validates against, the CDK turns into an
 * API Gateway route, the local server matches, and the OpenAPI document is generated from.
 */
export interface RouteSpec {
  /** `ANY` only for the catch-all `$default` route. */
  method: HttpMethod | 'ANY';
  /** API Gateway path template, e.g. `/v1/employees/{id}`, or `$default` for the catch-all route. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** `public` routes skip the JWT authorizer; everything else needs a token and a live account. */
  auth: 'public' | 'jwt';
  /**
   * A public route's own credential that is not an identity (a spendable token, a receipt, a
   * signature): documented as an API-key scheme in a header or the query, checked by the use case.
   */
  credential?: { scheme: string; in: 'header' | 'query'; name: string; description: string };
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /**
   * What the document shows for a body that the use case checks itself, after its permission check
   * (so a caller without the permission is refused before being told what is wrong with the body).
   */
  documentedBody?: z.ZodMiniType;
  /** A body taken as text rather than JSON (e.g. a CSV upload), in one of these media types. */
  rawBody?: { contentTypes: readonly string[]; description: string };
  /** Largest accepted body in bytes; larger is 413. Defaults to 64 KiB. */
  maxBodyBytes?: number;
  /** Creating POSTs take an `Idempotency-Key` header; a retry returns the first answer. */
  idempotent?: boolean;
  /** Updates require `If-Match` with the ETag the caller read (optimistic locking). */
  requiresIfMatch?: boolean;
  responses: Record<number, ResponseSpec>;
  /**
   * The domain problems this route may answer beyond those its shape implies (see
   * shared/http/contract.ts): they are listed in the document under their status.
   */
  problems?: readonly AnyProblemCode[];
  /**
   * Refusals of this route are reported to the access-denial log (which keeps those of people who are
   * leaving, or, with `everyone`, all of them): what was attempted, and on what (from the raw path).
   */
  refusalsLogged?: {
    action: string;
    target: (path: Readonly<Record<string, string | undefined>>) => string;
    everyone?: boolean;
  };
}

export const defineRoute = <const S extends RouteSpec>(spec: S): S => spec;

export const defaultRoutePath = '$default';

/** API Gateway's route key: `GET /v1/me`, or `$default` for the catch-all route. */
export const routeKeyOf = (route: Pick<RouteSpec, 'method' | 'path'>): string =>
  route.path === defaultRoutePath ? defaultRoutePath : `${route.method} ${route.path}`;

type Output<T> = T extends z.ZodMiniType ? z.output<T> : undefined;

/** What a route handler receives: validated input and, for authenticated routes, the live principal. */
export interface RouteRequest<S extends RouteSpec> {
  params: Output<S['params']>;
  query: Output<S['query']>;
  body: S['rawBody'] extends object ? string : Output<S['body']>;
  principal: S['auth'] extends 'jwt' ? Principal : undefined;
  /** The version named by `If-Match`, when the route requires it. */
  expectedVersion: S['requiresIfMatch'] extends true ? number | undefined : undefined;
  idempotencyKey: string | undefined;
  requestId: string;
  headers: Readonly<Record<string, string | undefined>>;
}

/** A route's answer: `body` is sent as JSON; `text` is sent as is, with the content-type in `headers`. */
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type RouteHandler<S extends RouteSpec> = (request: RouteRequest<S>) => Promise<Reply>;

export interface RouteBinding<S extends RouteSpec = RouteSpec> {
  spec: S;
  /**
   * Whether the resource the path names is there for the caller (NotFoundError otherwise). Asked
   * before a refused input is answered, so that an outsider's bad request is a 404, as for a resource
   * that does not exist, not a 400 that shows it does.
   */
  visible?: (principal: Principal, path: Readonly<Record<string, string | undefined>>) => Promise<void>;
  handle: RouteHandler<S>;
}

export const bindRoute = <S extends RouteSpec>(spec: S, handle: RouteHandler<S>): RouteBinding =>
  ({ spec, handle }) as unknown as RouteBinding;

/** The binding with its visibility check (see RouteBinding.visible). */
export const withVisibility = (
  binding: RouteBinding,
  visible: NonNullable<RouteBinding['visible']>,
): RouteBinding => ({
  ...binding,
  visible,
});
