import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Headers for a JSON API that no browser should frame, sniff, cache or render as a page. */
export const defaultSecurityHeaders: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function securityHeaders(
  options: { headers?: Record<string, string> } = {},
): MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  const headers = { ...defaultSecurityHeaders, ...options.headers };
  // A route may set its own value (e.g. a cacheable document); ours only fill the gaps.
  const apply = (request: Request<unknown, APIGatewayProxyStructuredResultV2>) => {
    const response = request.response;
    if (!response) return;
    response.headers = { ...headers, ...response.headers };
  };
  return { name: 'securityHeaders', after: apply, onError: apply };
}
