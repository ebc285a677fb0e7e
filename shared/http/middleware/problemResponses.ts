import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { checkAgainstContract, chineseOfProblem } from '#http/contract.ts';
import { localeOfAcceptLanguage, problemFor } from '#http/problem.ts';
import type { RouteSpec } from '#http/route.ts';
import type { Locale } from '#kernel/locale.ts';

/**
 * The one error mapper: known errors become 4xx problem+json with their message; anything else is a
 * generic 500 whose cause goes to the log only (no stack traces or SDK text reach the client).
 */
export function problemResponses(
  logger: Logger,
  routeOf: (routeKey: string) => RouteSpec | undefined = () => undefined,
  readerLocale?: (employeeId: string) => Promise<Locale | undefined>,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  /** The caller's account locale, else Accept-Language, else English. */
  const localeOf = async (event: APIGatewayProxyEventV2): Promise<Locale> => {
    const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
      .authorizer?.jwt?.claims;
    const caller = claims?.username ?? claims?.['cognito:username'];
    const account =
      typeof caller === 'string' && readerLocale
        ? await readerLocale(caller).catch((error: Error) => {
            logger.warn('The caller’s locale could not be read; Accept-Language decides', { error });
            return undefined;
          })
        : undefined;
    return account ?? localeOfAcceptLanguage(event.headers?.['accept-language']) ?? 'en';
  };
  return {
    name: 'problemResponses',
    onError: async (request) => {
      const { event, error } = request;
      const reply = problemFor(error, {
        instance: event.rawPath,
        requestId: event.requestContext?.requestId,
        locale: await localeOf(event),
        chineseOfDetail: chineseOfProblem,
      });
      if (reply.unexpected) logger.error('Request failed', { error: error as Error });
      else logger.info('Request refused', { status: reply.status, code: reply.problem.code });
      if (!checkAgainstContract(routeOf(event.routeKey), reply.status, reply.problem.code))
        logger.error('The route answered a problem its contract does not list', { code: reply.problem.code });
      request.response = {
        statusCode: reply.status,
        headers: {
          'content-type': 'application/problem+json',
          'content-language': reply.locale,
          vary: 'Accept-Language',
          ...reply.headers,
        },
        body: JSON.stringify(reply.problem),
      };
    },
  };
}
