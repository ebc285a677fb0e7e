import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Every log line of a request carries API Gateway's request id and route, so one request can be followed. */
export function correlation(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    name: 'correlation',
    before: ({ event, context }) => {
      logger.resetKeys();
      logger.addContext(context);
      logger.setCorrelationId(event.requestContext?.requestId);
      logger.appendKeys({ route: event.routeKey });
    },
  };
}
