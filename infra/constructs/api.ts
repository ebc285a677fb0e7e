import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionDefinition } from '#functions/manifest.ts';
import { defaultRoutePath } from '#http/route.ts';
import { corsRules } from '../cors.ts';
import type { Alarms } from './alarms.ts';
import type { Functions } from './functions.ts';
import { Grouping } from './grouping.ts';
import type { Identity } from './identity.ts';

/** The stage's throttling (requests per second, and the burst above it); the API document states it. */
export const apiThrottle = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * The HTTP API: one route per manifest route, JWT routes behind the Cognito authorizer, the
 * catch-all for everything else; access logs and throttling on the stage, an alarm on 5xx. The
 * routes and their integrations live in a nested stack of their own: there are
 * more than 150, and a stack holds at most 500 resources.
 */
export class Api extends Grouping {
  readonly httpApi: HttpApi;

  constructor(
    scope: Construct,
    id: string,
    props: {
      manifest: readonly FunctionDefinition[];
      functions: Functions;
      identity: Identity;
      alarms: Alarms;
      logRetentionDays: number;
      /** Browser origins allowed to call the API; none: no CORS configuration at all. */
      corsOrigins: readonly string[];
    },
  ) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: props.logRetentionDays });
    this.httpApi = new HttpApi(this, 'Api', {
      description: 'Key-person HR API',
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsOrigins],
              allowMethods: corsRules.allowMethods.map((m) => CorsHttpMethod[m]),
              allowHeaders: [...corsRules.allowHeaders],
              exposeHeaders: [...corsRules.exposeHeaders],
              maxAge: Duration.seconds(corsRules.maxAgeSeconds),
            },
          }
        : {}),
    });
    new HttpStage(this, 'ApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No source IP and no subject: anonymous feedback shares this API, and an address or a user
        // beside its route would say who wrote it. Who did what is in the functions' logs and evidence.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const routesStack = new NestedStack(this, 'ApiRoutes', {
      description: 'Key-person HR: the HTTP API routes, one per manifest route, and their integrations',
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.identity.userPool, {
      userPoolClients: [props.identity.apiClient],
    });
    for (const definition of props.manifest) {
      const routes = definition.triggers.flatMap((t) => (t.kind === 'http' ? t.routes : []));
      const fn = props.functions.byId.get(definition.id);
      if (!fn || routes.length === 0) continue;
      // One invoke permission per function for this API, not one per route: a stack holds at most 500
      // resources, and the routes alone are more than a hundred.
      const integration = new HttpLambdaIntegration(`${definition.id}Integration`, fn.function, {
        scopePermissionToRoute: false,
      });
      for (const route of routes) {
        const created =
          route.path === defaultRoutePath
            ? [
                new HttpRoute(routesStack, 'DefaultRoute', {
                  httpApi: this.httpApi,
                  routeKey: HttpRouteKey.DEFAULT,
                  integration,
                }),
              ]
            : [
                new HttpRoute(routesStack, `${route.method} ${route.path.replaceAll('/', '|')}`, {
                  httpApi: this.httpApi,
                  routeKey: HttpRouteKey.with(
                    route.path,
                    HttpMethod[route.method as keyof typeof HttpMethod],
                  ),
                  integration,
                  authorizer: route.auth === 'jwt' ? authorizer : new HttpNoneAuthorizer(),
                }),
              ];
        if (route.auth === 'public') {
          for (const r of created) {
            Validations.of(r).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason: `${route.method} ${route.path} is public by design (${route.summary}); it reads nothing of a company's data.`,
            });
          }
        }
      }
    }
    props.alarms.onAny(
      this,
      'ApiServerErrorsAlarm',
      'The HTTP API answered 5xx',
      this.httpApi.metricServerError({ period: Duration.minutes(5) }),
    );
  }
}
