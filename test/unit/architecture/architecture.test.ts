import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, repositoryFiles, violationsOf } from './rules.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);

describe('the architecture', () => {
  it('holds in the repository: dependencies point inward, areas meet only at their indexes', () => {
    const files = repositoryFiles(root, tracked);
    expect(files.length).toBeGreaterThan(150);
    const edges = files.flatMap((file) => importsOf(file, readFileSync(join(root, file), 'utf8')));
    expect(edges.length).toBeGreaterThan(800);
    expect(violationsOf(edges)).toEqual([]);
  });
});

describe('the architecture test', () => {
  const check = (file: string, line: string) => violationsOf(importsOf(file, line));

  it('fails when a real file gets a wrong import, and names it', () => {
    const files = repositoryFiles(root, tracked);
    const target = 'shared/domain/offboarding/resignation.ts';
    const wrong = "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n";
    const edges = files.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return importsOf(file, file === target ? wrong + text : text);
    });
    expect(violationsOf(edges)).toEqual([
      `${target} → npm:@aws-sdk/client-dynamodb: domain may not import the package @aws-sdk/client-dynamodb`,
    ]);
  });

  it('refuses each kind of wrong dependency', () => {
    // The domain imports an SDK, an adapter, a use case.
    expect(
      check('shared/domain/people/employee.ts', "import { x } from '@aws-sdk/lib-dynamodb';"),
    ).toHaveLength(1);
    expect(
      check('shared/domain/people/employee.ts', "import { x } from '#adapters/aws/platform/hrTable.ts';"),
    ).toHaveLength(1);
    expect(
      check('shared/domain/people/employee.ts', "import { x } from '#app/people/index.ts';"),
    ).toHaveLength(1);
    // A use case imports an adapter, the infrastructure, the wiring.
    expect(
      check('shared/app/people/createEmployee.ts', "import { x } from '#adapters/aws/people/index.ts';"),
    ).toHaveLength(1);
    expect(
      check('shared/app/people/createEmployee.ts', "import { x } from '#infra/config.ts';"),
    ).toHaveLength(1);
    expect(
      check('shared/app/people/createEmployee.ts', "import { x } from '#wiring/people.ts';"),
    ).toHaveLength(1);
    // A function imports the infrastructure, or builds its own adapters.
    expect(
      check('functions/people/employees/handler.ts', "import { x } from '#infra/config.ts';"),
    ).toHaveLength(1);
    expect(
      check(
        'functions/people/employees/handler.ts',
        "import { x } from '#adapters/aws/platform/hrTable.ts';",
      ),
    ).toHaveLength(1);
    // The kernel reaches up, beyond the catalogues' types.
    expect(
      check('shared/kernel/principal.ts', "import { roleDefaults } from '#domain/permissions.ts';"),
    ).toHaveLength(1);
    expect(
      check('shared/kernel/principal.ts', "import type { Permission } from '#domain/permissions.ts';"),
    ).toEqual([]);
    // The CDK imports the local runtime.
    expect(check('infra/constructs/api.ts', "import { x } from '../local/paths.ts';")).toHaveLength(1);
  });

  it('lets an area reach another only through its index', () => {
    const from = 'shared/app/offboarding/handover/handover.ts';
    expect(check(from, "import { reportsTo } from '#app/people/reportingLine.ts';")).toEqual([
      `${from} → shared/app/people/reportingLine.ts: area offboarding reaches into people's internals; import its index`,
    ]);
    expect(check(from, "import { reportsTo } from '#app/people/index.ts';")).toEqual([]);
    // Within an area, and to the kernel or the platform, any file.
    expect(check(from, "import { x } from '../resignations/applyStage.ts';")).toEqual([]);
    expect(check(from, "import { x } from '#ports/platform/workflow.ts';")).toEqual([]);
    // An index of the layer (a catalogue) merges every area's own files.
    expect(check('shared/domain/permissions.ts', "import { x } from './people/permissions.ts';")).toEqual([]);
    // Dynamic imports count too.
    expect(
      check('shared/app/customers/customers.ts', "const m = await import('#app/people/reportingLine.ts');"),
    ).toHaveLength(1);
  });
});
