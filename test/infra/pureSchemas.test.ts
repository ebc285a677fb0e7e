import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { markSchemasPure, pureSchemas } from '#infra/bundling/pureSchemas.ts';

const zodPath = join(import.meta.dirname, '../../shared/kernel/zod.ts');

describe('schemas a function never uses are left out of its bundle', () => {
  it('wraps the top-level schemas built on the z namespace, and nothing else', () => {
    const source = [
      "import * as z from '#kernel/zod.ts';",
      "import { helper } from './helper.ts';",
      'export const Name = z.string().check(z.minLength(1)) as z.ZodMiniString;',
      'const Row = z.object({ name: Name });',
      'export type Row = z.infer<typeof Row>;',
      'export const fromHelper = helper(Row);',
      'let counter = z.string();',
      'export const { shape } = Row;',
      'export function make() { const inner = z.string(); return inner; }',
    ].join('\n');
    const marked = markSchemasPure(source).split('\n');
    expect(marked[2]).toBe(
      'export const Name = /* @__PURE__ */ (() => z.string().check(z.minLength(1)))() as z.ZodMiniString;',
    );
    expect(marked[3]).toBe('const Row = /* @__PURE__ */ (() => z.object({ name: Name }))();');
    // A helper's call, a `let`, a destructuring and a function's own schemas stay as written.
    expect(marked.slice(4)).toEqual(source.split('\n').slice(4));
  });

  it('leaves a module that does not import z as it is', () => {
    const source = 'const z = { object: (x: unknown) => x };\nexport const A = z.object({});';
    expect(markSchemasPure(source)).toBe(source);
  });

  it('bundles the schemas that are used, drops the others, and the bundle parses as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pure-schemas-'));
    writeFileSync(
      join(dir, 'schemas.ts'),
      [
        `import * as z from ${JSON.stringify(zodPath)};`,
        "export const Used = z.object({ id: z.string().check(z.regex(/^U\\d+$/, 'used-schema')) });",
        "export const Unused = z.object({ note: z.string().check(z.maxLength(5, 'unused-schema')) });",
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'entry.ts'),
      "import { Used } from './schemas.ts';\nexport const check = (v: unknown) => Used.safeParse(v).success;",
    );
    const bundle = async (plugins: boolean) => {
      const { outputFiles } = await build({
        entryPoints: [join(dir, 'entry.ts')],
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
        plugins: plugins ? [pureSchemas(dir)] : [],
      });
      return outputFiles[0]?.text ?? '';
    };
    const without = await bundle(false);
    const withPlugin = await bundle(true);
    expect(without).toContain('unused-schema');
    expect(withPlugin).not.toContain('unused-schema');
    expect(withPlugin).toContain('used-schema');
    const file = join(dir, 'out.mjs');
    writeFileSync(file, withPlugin);
    const { check } = (await import(file)) as { check: (v: unknown) => boolean };
    expect([check({ id: 'U1' }), check({ id: 'X1' })]).toEqual([true, false]);
  });
});
