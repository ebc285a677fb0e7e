import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '#adapters/systemClock.ts';
import { accessKeys } from '#domain/access.ts';
import { localClients } from './clients.ts';
import { LocalIdentityProvider } from './localIdentityProvider.ts';
import { defaultDataDir } from './paths.ts';

/** `npm run token -- --as <employee id>`: a bearer token for the running local stack. */
const { values: args } = parseArgs({
  options: {
    as: { type: 'string' },
    ttl: { type: 'string', default: '43200' },
    'data-dir': { type: 'string', default: process.env.HR_DATA_DIR ?? defaultDataDir },
  },
});

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

if (!args.as) fail('Say whom the token is for: npm run token -- --as <employee id>');
const runtimeFile = join(args['data-dir'], 'runtime.json');
if (!existsSync(runtimeFile))
  fail('The local stack is not running: start it with npm start (add -- --demo for demo data).');
const running = JSON.parse(readFileSync(runtimeFile, 'utf8')) as {
  dynamodb: string;
  s3: string;
  names: { tables: { hr: string } };
};

const clients = localClients(running);
const { Items = [] } = await clients.dynamo.send(
  new QueryCommand({
    TableName: running.names.tables.hr,
    KeyConditionExpression: 'pk = :pk AND sk = :sk',
    ExpressionAttributeValues: { ':pk': accessKeys.partition(args.as), ':sk': accessKeys.account() },
  }),
);
const account = Items[0];
if (!account) fail(`No account for ${args.as}. Demo accounts are listed by npm start -- --demo.`);

const idp = await LocalIdentityProvider.open({ dataDir: args['data-dir'], clock: systemClock });
console.log(
  await idp.issue({ employeeId: args.as, groups: account.roles as string[], ttlSeconds: Number(args.ttl) }),
);
clients.dynamodb.destroy();
