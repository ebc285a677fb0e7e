import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { checkAgainstContract } from '#http/contract.ts';
import { problemFor } from '#http/problem.ts';
import type { RouteSpec } from '#http/route.ts';

/**
 * The one error mapper: known errors become 4xx problem+json with their message; anything else is a
 * generic 500 whose cause goes to the log only (no stack traces or SDK text reach the client).
 */
export function problemResponses(
  logger: Logger,
  routeOf: (routeKey: string) => RouteSpec | undefined = () => undefined,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    name: 'problemResponses',
    onError: (request) => {
      const { event, error } = request;
      const reply = problemFor(error, {
        instance: event.rawPath,
        requestId: event.requestContext?.requestId,
      });
      if (reply.unexpected) logger.error('Request failed', { error: error as Error });
      else logger.info('Request refused', { status: reply.status, code: reply.problem.code });
      if (!checkAgainstContract(routeOf(event.routeKey), reply.status, reply.problem.code))
        logger.error('The route answered a problem its contract does not list', { code: reply.problem.code });
      request.response = {
        statusCode: reply.status,
        headers: { 'content-type': 'application/problem+json', ...reply.headers },
        body: JSON.stringify(reply.problem),
      };
    },
  };
}
