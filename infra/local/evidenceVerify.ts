import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeEvidenceLog } from '#adapters/aws/evidence/index.ts';
import { systemClock } from '#adapters/systemClock.ts';
import { commandOptions } from '../tools/cli.ts';
import { localCredentials, localRegion } from './clients.ts';
import { stackDataDir } from './dataDir.ts';

/**
 * `npm run evidence:verify`: walks the evidence chain and names the first broken link.
 * Locally it finds the running stack; `-- --table <name>` checks a deployed table with the AWS
 * credentials of the shell. Exit code 0: intact; 1: broken; 2: could not check.
 */
const args = commandOptions(
  `
npm run evidence:verify [-- options]   walk the evidence chain and name the first broken link

  --table <name>      a deployed Evidence table (with the shell's AWS credentials)
  --endpoint <url>    a DynamoDB endpoint other than AWS (with --table)
  --data-dir <dir>    the data folder of the local stack (default: the one npm start last ran on)
  --help              this

Exit code 0: intact; 1: broken; 2: could not check.
`,
  {
    table: { type: 'string' },
    endpoint: { type: 'string' },
    'data-dir': { type: 'string' },
  },
);

function target(): { table: string; client: DynamoDBClient } {
  if (args.table && !args.endpoint) return { table: args.table, client: new DynamoDBClient({}) };
  const runtimeFile = join(stackDataDir(args['data-dir']), 'runtime.json');
  const running = existsSync(runtimeFile)
    ? (JSON.parse(readFileSync(runtimeFile, 'utf8')) as {
        dynamodb: string;
        names: { tables: { evidence: string } };
      })
    : undefined;
  const endpoint = args.endpoint ?? running?.dynamodb;
  const table = args.table ?? running?.names.tables.evidence;
  if (!endpoint || !table) {
    console.error(
      '✗ Nothing to check: start the local stack (npm start), or pass --table <name> for a deployed one.',
    );
    process.exit(2);
  }
  return {
    table,
    client: new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials }),
  };
}

const { table, client } = target();
const evidence = makeEvidenceLog(DynamoDBDocumentClient.from(client), table, systemClock);
try {
  const result = await evidence.verify();
  if (result.intact) {
    console.log(
      `✓ ${table}: ${result.entries} entries, chain intact (head ${result.headHash.slice(0, 16)}…)`,
    );
  } else {
    console.log(`✗ ${table}: broken at entry ${result.brokenAt} (${result.problem}): ${result.detail}`);
    console.log(`  Entries 1–${result.entries} verify; nothing from ${result.brokenAt} on can be trusted.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`✗ Could not read ${table}: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  client.destroy();
}
