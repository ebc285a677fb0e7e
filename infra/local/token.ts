import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { commandOptions } from '../tools/cli.ts';
import { localClients } from './clients.ts';
import { stackClock } from './clockControl.ts';
import { stackDataDir } from './dataDir.ts';
import { LocalIdentityProvider } from './localIdentityProvider.ts';

/** `npm run token -- --as <employee id>`: a bearer token for the running local stack. */
const args = commandOptions(
  `
npm run token -- --as <employee id> [options]   a bearer token for the running local stack

  --as <id>          whose token (e.g. E1040, the HR director of the demo company)
  --ttl <seconds>    how long it is valid (default 43200: 12 hours)
  --data-dir <dir>   the data folder of the stack (default: the one npm start last ran on)
  --help             this
`,
  {
    as: { type: 'string' },
    ttl: { type: 'string', default: '43200' },
    'data-dir': { type: 'string' },
  },
);

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

if (!args.as) fail('Say whom the token is for: npm run token -- --as <employee id>');
const dataDir = stackDataDir(args['data-dir']);
const runtimeFile = join(dataDir, 'runtime.json');
if (!existsSync(runtimeFile))
  fail('The local stack is not running: start it with npm start (add -- --demo for demo data).');
const running = JSON.parse(readFileSync(runtimeFile, 'utf8')) as {
  dynamodb: string;
  s3: string;
  names: { usersTable: string };
  clock?: string;
};

// Signing in needs a sign-in identity, as with Cognito: made shortly after HR creates the employee.
const clients = localClients(running);
const { Item: user } = await clients.dynamo.send(
  new GetCommand({ TableName: running.names.usersTable, Key: { employeeId: args.as }, ConsistentRead: true }),
);
clients.dynamodb.destroy();
if (!user) fail(`No sign-in identity for ${args.as}. Demo people are listed by npm start -- --demo.`);
if (!user.enabled) fail(`The sign-in of ${args.as} is disabled.`);

// Issued at the stack's own time: with a manual clock, that is where the clock stands.
const clock = await stackClock(running).catch((error: Error) => fail(error.message));
const idp = await LocalIdentityProvider.open({ dataDir, clock });
console.log(
  await idp.issue({ employeeId: args.as, groups: user.groups as string[], ttlSeconds: Number(args.ttl) }),
);
