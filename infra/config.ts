import type { App } from 'aws-cdk-lib';
import { TimeZone } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { originPattern } from './cors.ts';

const logRetentionPeriods = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Context values arrive as strings from the command line (-c key=value) or as JSON from cdk.json. */
const whole = (min: number, max: number) => z.pipe(z.coerce.number(), z.int().check(z.gte(min), z.lte(max)));
const optionalText = (schema: z.ZodMiniType<string, string>) =>
  z.pipe(
    z.transform((v: unknown): string | undefined =>
      v === '' || v === null || v === undefined ? undefined : String(v),
    ),
    z.optional(schema),
  );

/** What a company sets when it deploys (CDK context, e.g. `cdk deploy -c companyTimeZone=Europe/Berlin`). */
export const DeploymentConfig = z.object({
  companyTimeZone: z._default(TimeZone, 'Asia/Shanghai'),
  /** Local hour of the daily backup. */
  backupHour: z._default(whole(0, 23), 2),
  /** Local hour of the daily compliance sweep. */
  complianceHour: z._default(whole(0, 23), 6),
  /** Object Lock (compliance mode) retention of every backup object. */
  backupRetentionDays: z._default(whole(1, 3650), 35),
  /** Backups move to a colder storage class after this many days. */
  backupColdAfterDays: z._default(whole(30, 3650), 30),
  /** A second region for an off-site copy of the backups. */
  replicaRegion: optionalText(z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region name'))),
  /** The verified SES sender of reminders and alerts; without it people are told in the app only. */
  mailFrom: optionalText(z.email()),
  /** Alarms are mailed here when set. */
  alarmEmail: optionalText(z.email()),
  /** Rows one customer export may hold before an HR admin must approve it. */
  exportRowCap: z._default(whole(1, 100_000), 500),
  /** A resignation's last working day may lie at most this many days ahead (HR may override). */
  maxNoticeDays: z._default(whole(1, 365), 30),
  /** The account stage applies at the latest this many days after the last working day. */
  accountGraceDays: z._default(whole(0, 30), 1),
  /** A leaver's sign-in identity is deleted this many days after the last working day. */
  identityRetentionDays: z._default(whole(1, 3650), 90),
  /** Anonymous feedback items one employee may give a month (tokens they may obtain). */
  feedbackPerMonth: z._default(whole(1, 100), 5),
  /** Working days within which HR owes a first answer to a question. */
  questionAnswerDays: z._default(whole(1, 30), 2),
  /**
   * WeCom (企业微信): the company's corp id turns it on. Its application secret, callback token and
   * EncodingAESKey go into the WeComSecret the stateful stack makes (JSON: corpSecret, callbackToken,
   * callbackAesKey) after the first deployment.
   */
  wecomCorpId: optionalText(
    z.string().check(z.regex(/^[A-Za-z0-9]{1,64}$/, 'a WeCom corp id like ww0123456789abcdef')),
  ),
  wecomAgentId: optionalText(z.string().check(z.regex(/^\d{1,12}$/, 'the application’s AgentId'))),
  /** Where a notification card's link opens: the company's HR web app. */
  wecomAppUrl: optionalText(z.url()),
  /**
   * WeCom takes API calls only from trusted IPs: the functions that call it leave through a NAT gateway
   * with a fixed Elastic IP (to enter in WeCom's admin), in a VPC of their own.
   */
  wecomEgress: z._default(
    z.pipe(
      z.transform((v: unknown) => v === true || v === 'true'),
      z.boolean(),
    ),
    false,
  ),
  /**
   * Browser origins that may call the API (CORS), comma-separated, e.g. `https://hr.example.com`;
   * none by default. Applied by API Gateway, and by the local server from cdk.json.
   */
  corsOrigins: z._default(
    z.pipe(
      z.transform((v: unknown): string[] =>
        Array.isArray(v)
          ? v.map(String)
          : String(v ?? '')
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean),
      ),
      z
        .array(z.string().check(z.regex(originPattern, 'an origin like https://hr.example.com')))
        .check(z.maxLength(20)),
    ),
    [],
  ),
  /** Retention of function and API logs (one of CloudWatch's retention periods). */
  logRetentionDays: z._default(
    whole(1, 3653).check(
      z.refine((days) => logRetentionPeriods.includes(days), `one of ${logRetentionPeriods.join(', ')}`),
    ),
    365,
  ),
});
export type DeploymentConfig = z.infer<typeof DeploymentConfig>;

export function readDeploymentConfig(app: App): DeploymentConfig {
  const keys = Object.keys(DeploymentConfig.shape) as (keyof DeploymentConfig)[];
  const raw = Object.fromEntries(keys.map((key) => [key, app.node.tryGetContext(key)]));
  const parsed = DeploymentConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid deployment configuration (CDK context):\n${problems}`);
  }
  return parsed.data;
}
