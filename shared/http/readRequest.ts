import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type FieldIssue, InvalidInputError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import { expectedVersionFrom } from './etag.ts';
import { chineseIssues, fieldIssuesOf, HttpError } from './problem.ts';
import type { RouteRequest, RouteSpec } from './route.ts';

export const defaultMaxBodyBytes = 64 * 1024;
const idempotencyKeyPattern = /^[\x21-\x7e]{8,128}$/;

function bodyText(event: APIGatewayProxyEventV2WithJWTAuthorizer, spec: RouteSpec): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const limit = spec.maxBodyBytes ?? defaultMaxBodyBytes;
  if (Buffer.byteLength(text, 'utf8') > limit) {
    throw new HttpError(413, 'body_too_large', `The body must not exceed ${limit} bytes.`);
  }
  return text;
}

function parseJsonBody(event: APIGatewayProxyEventV2WithJWTAuthorizer, text: string): unknown {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  if (text.trim() === '')
    throw new InvalidInputError('A JSON body is required.', [{ field: 'body', message: 'Required' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError(
      'The body is not valid JSON.',
      [{ field: 'body', message: 'Malformed JSON' }],
      'malformed_json',
    );
  }
}

function rawBodyOf(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  text: string,
  contentTypes: readonly string[],
) {
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!contentTypes.includes(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', `Send the body as ${contentTypes.join(' or ')}.`);
  }
  if (text.trim() === '')
    throw new InvalidInputError('A body is required.', [{ field: 'body', message: 'Required' }]);
  return text;
}

/**
 * Turns an API Gateway event into the validated request a route handler receives. Every input
 * problem (params, query, body) is reported at once, with field paths.
 */
export function readRequest<S extends RouteSpec>(
  spec: S,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  principal: Principal | undefined,
): RouteRequest<S> {
  const text = bodyText(event, spec);
  const issues: FieldIssue[] = [];
  const validate = (schema: RouteSpec['params'], input: unknown, location: 'params' | 'query' | 'body') => {
    if (!schema) return undefined;
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const chinese = schema.safeParse(input, { error: chineseIssues });
    issues.push(...fieldIssuesOf(result.error, location, chinese.success ? undefined : chinese.error));
    return undefined;
  };

  const params = validate(spec.params, event.pathParameters ?? {}, 'params');
  const query = validate(spec.query, event.queryStringParameters ?? {}, 'query');
  let body: unknown;
  if (spec.rawBody) body = rawBodyOf(event, text, spec.rawBody.contentTypes);
  else if (spec.body) body = validate(spec.body, parseJsonBody(event, text), 'body');
  else if (text.trim() !== '') issues.push({ field: 'body', message: 'This route takes no body.' });

  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
    issues.push({ field: 'headers.idempotency-key', message: 'Use 8 to 128 printable ASCII characters.' });
  }
  if (issues.length > 0) throw new InvalidInputError('The request is not valid.', issues);

  const expectedVersion = spec.requiresIfMatch ? expectedVersionFrom(event.headers['if-match']) : undefined;
  return {
    params,
    query,
    body,
    principal,
    expectedVersion,
    idempotencyKey,
    requestId: event.requestContext.requestId,
    headers: event.headers,
  } as RouteRequest<S>;
}
