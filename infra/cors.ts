/**
 * What a browser page at an allowed origin may do with the API. The origins are deployment
 * configuration (`corsOrigins`, none by default: no browser origin may read the API); API Gateway
 * applies these rules in AWS, the local server the same ones.
 */
export const corsRules = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  // Anonymous feedback's own credentials travel in headers of their own.
  allowHeaders: [
    'authorization',
    'content-type',
    'if-match',
    'idempotency-key',
    'feedback-token',
    'feedback-receipt',
  ],
  exposeHeaders: ['etag', 'location', 'x-report-sha256', 'x-report-signature', 'x-report-key-id'],
  maxAgeSeconds: 600,
} as const;

/** An origin as browsers send it: scheme, host and port, nothing else (no `*`, no path). */
export const originPattern = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;
