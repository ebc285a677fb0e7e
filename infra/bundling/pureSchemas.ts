import { readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { type Expression, type Node, parse } from 'acorn';
import type { Plugin } from 'esbuild';

/**
 * A module's top-level schemas are built when the module loads, also those the function never uses:
 * esbuild keeps a call it cannot prove free of side effects, and it does not trust zod's own
 * `@__NO_SIDE_EFFECTS__` marks across modules (evanw/esbuild#4369). The case store's module brings
 * the whole case; the people area's brings the new-employee input a workflow step never parses.
 *
 * So, in our own modules, each top-level `const X = z.…(…)` is wrapped in a pure call,
 * `/* @__PURE__ *\/ (() => z.…(…))()`: unchanged where X is used, and dropped with what it builds
 * where nothing is. Only declarations whose value is a chain of calls on the `z` namespace are
 * touched; zod's constructors have no effect beyond the schema they return (a `z.meta` id matters
 * only to a schema that refers to it, which then keeps it).
 */
export function markSchemasPure(source: string): string {
  // Type stripping blanks the types in place: every offset in the JavaScript is the TypeScript's.
  const program = parse(stripTypes(source), {
    ecmaVersion: 'latest',
    sourceType: 'module',
  });
  const importsZod = program.body.some(
    (s) =>
      s.type === 'ImportDeclaration' &&
      s.specifiers.some((i) => i.type === 'ImportNamespaceSpecifier' && i.local.name === 'z'),
  );
  if (!importsZod) return source;
  const schemas: Expression[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const { init } of declaration.declarations) if (init && builtByZod(init)) schemas.push(init);
  }
  let out = source;
  for (const init of schemas.reverse())
    out = `${out.slice(0, init.start)}/* @__PURE__ */ (() => ${out.slice(init.start, init.end)})()${out.slice(init.end)}`;
  return out;
}

/** Node's own type stripping (what runs our .ts files locally), without its experimental-API warning. */
function stripTypes(source: string): string {
  const { emitWarning } = process;
  process.emitWarning = () => {};
  try {
    return stripTypeScriptTypes(source, { mode: 'strip' });
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `z.object(…)`, `z.string().check(…)`: calls and member accesses down to the `z` namespace. */
function builtByZod(node: Node): boolean {
  let current = node;
  let calls = 0;
  for (;;) {
    if (current.type === 'CallExpression') {
      calls++;
      current = (current as unknown as { callee: Node }).callee;
    } else if (current.type === 'MemberExpression') {
      current = (current as unknown as { object: Node }).object;
    } else {
      return (
        calls > 0 && current.type === 'Identifier' && (current as unknown as { name: string }).name === 'z'
      );
    }
  }
}

/** The esbuild plugin: our own TypeScript modules (not node_modules) load with their schemas marked. */
export function pureSchemas(root: string): Plugin {
  const marked = new Map<string, string>();
  return {
    name: 'pure-schemas',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(root) || args.path.includes('/node_modules/')) return undefined;
        let contents = marked.get(args.path);
        if (contents === undefined) {
          contents = markSchemasPure(readFileSync(args.path, 'utf8'));
          marked.set(args.path, contents);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}
