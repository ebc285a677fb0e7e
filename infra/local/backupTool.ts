import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { makeS3BackupStorage, makeTableAccess } from '#adapters/aws/backups/index.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/index.ts';
import { BackupIntegrityError, restoreBackup, verifyBackup } from '#app/backups/index.ts';
import { BackupIdPattern, type BackupTable } from '#domain/backups/index.ts';
import { isDomainError } from '#kernel/errors.ts';
import { tables } from '../data/definitions.ts';
import { commandOptions } from '../tools/cli.ts';
import { type LocalClients, localClients } from './clients.ts';
import { stackClock } from './clockControl.ts';
import { stackDataDir } from './dataDir.ts';
import { createTableInput, type LocalResourceNames } from './provision.ts';

/**
 * Backups of the running local stack:
 *   npm run backup:verify -- --backup <id>                       check every file against the manifest
 *   npm run restore -- --backup <id> --table Hr [--into <name>]  restore into a new or empty table
 * Without --into the restore goes to the stack's own table, which must be empty (deleted and made
 * again, as after a loss). A restore that stops continues where it stopped when run again.
 * Exit code 0: done; 1: the backup does not match its manifest (the file is named); 2: could not run.
 */
const command = process.argv[2];
const args = commandOptions(
  `
npm run backup:verify -- --backup <id>                        check every file of a backup against its manifest
npm run restore -- --backup <id> --table Hr [--into <name>]   restore a table into a new or empty one

  --backup <id>      the backup (e.g. B20261127020000a1b2)
  --table <name>     Hr or Evidence (default Hr)
  --into <name>      the table to restore into (default the stack's own, which must be empty)
  --data-dir <dir>   the data folder of the local stack (default: the one npm start last ran on)
  --help             this

Exit code 0: done; 1: the backup does not match its manifest; 2: could not run.
`,
  {
    backup: { type: 'string' },
    table: { type: 'string', default: 'Hr' },
    into: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  process.argv.slice(3),
);

function fail(message: string, code = 2): never {
  console.error(`✗ ${message}`);
  process.exit(code);
}

if (command !== 'verify' && command !== 'restore') fail('Say verify or restore.');
if (!args.backup || !BackupIdPattern.test(args.backup))
  fail('Name the backup: --backup B20261127020000a1b2 (GET /v1/backups lists them).');
const table = args.table as BackupTable;
if (table !== 'Hr' && table !== 'Evidence') fail('--table is Hr or Evidence.');
const runtimeFile = join(stackDataDir(args['data-dir']), 'runtime.json');
if (!existsSync(runtimeFile)) fail('The local stack is not running: start it with npm start.');
const running = JSON.parse(readFileSync(runtimeFile, 'utf8')) as {
  dynamodb: string;
  s3: string;
  names: LocalResourceNames;
  clock?: string;
};
const clients: LocalClients = localClients({ dynamodb: running.dynamodb, s3: running.s3 });
const storage = makeS3BackupStorage(clients.s3, running.names.buckets.backups);

async function ensureTable(name: string) {
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await clients.dynamodb.send(
      new CreateTableCommand(createTableInput(table === 'Hr' ? tables.hr : tables.evidence, name)),
    );
    console.log(`Created table ${name}`);
  }
}

try {
  if (command === 'verify') {
    const result = await verifyBackup(storage, args.backup);
    console.log(
      `✓ ${result.backupId}: ${result.files} files, ${result.items} items, ${result.bytes} bytes, all as the manifest says`,
    );
  } else {
    const target = args.into ?? (table === 'Hr' ? running.names.tables.hr : running.names.tables.evidence);
    await ensureTable(target);
    let last = 0;
    const result = await restoreBackup(
      {
        storage,
        tables: makeTableAccess(clients.dynamodb),
        evidence: makeEvidenceLog(
          clients.dynamo,
          running.names.tables.evidence,
          await stackClock(running).catch((error: Error) => fail(error.message)),
        ),
        evidenceTable: running.names.tables.evidence,
      },
      {
        backupId: args.backup,
        table,
        target,
        actor: `operator:${userInfo().username}`,
        onProgress: (p) => {
          if (p.written === last || (p.written - last < 5000 && p.written !== p.total)) return;
          last = p.written;
          console.log(
            `  ${p.written}/${p.total} items · ${p.itemsPerSecond}/s · about ${p.etaSeconds}s left`,
          );
        },
      },
    );
    console.log(
      result.alreadyRestored
        ? `✓ ${target} already holds all ${result.total} items of ${table} from this backup: nothing to do`
        : `✓ Restored ${result.written} items of ${table} into ${target}${result.resumed ? ' (continued a stopped restore)' : ''}`,
    );
  }
} catch (error) {
  if (error instanceof BackupIntegrityError)
    fail(`The backup does not match its manifest: ${error.message}`, 1);
  if (isDomainError(error)) fail(error.message);
  throw error;
} finally {
  clients.dynamodb.destroy();
  clients.s3.destroy();
}
