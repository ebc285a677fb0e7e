import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * The architecture's rules over the TypeScript imports (DESIGN: dependencies point inward; an area
 * reaches another only through that area's index). Pure: it reads the files it is given.
 */
export interface ImportEdge {
  from: string;
  /** A repository path, `npm:<package>` or `node:<module>`. */
  to: string;
  typeOnly: boolean;
}

const aliases: [string, string][] = [
  ['#kernel/', 'shared/kernel/'],
  ['#domain/', 'shared/domain/'],
  ['#app/', 'shared/app/'],
  ['#ports/', 'shared/ports/'],
  ['#adapters/', 'shared/adapters/'],
  ['#http/', 'shared/http/'],
  ['#wiring/', 'shared/wiring/'],
  ['#functions/', 'functions/'],
  ['#infra/', 'infra/'],
];

const importPattern =
  /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of one file: static, re-exports and dynamic, each resolved to what it names. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[3] ?? match[4];
    if (!specifier) continue;
    edges.push({ from: file, to: resolveSpecifier(file, specifier), typeOnly: Boolean(match[2]) });
  }
  return edges;
}

function resolveSpecifier(file: string, specifier: string): string {
  const alias = aliases.find(([prefix]) => specifier.startsWith(prefix));
  if (alias) return alias[1] + specifier.slice(alias[0].length);
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(file), specifier));
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return `npm:${specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]}`;
}

export type Layer =
  | 'kernel'
  | 'domain'
  | 'ports'
  | 'app'
  | 'adapters'
  | 'http'
  | 'wiring'
  | 'functions'
  | 'infra'
  | 'local'
  | 'test'
  | 'config'
  | 'npm'
  | 'node';

/** Shared by every area, like the kernel: the platform's ports and adapters, and its wiring. */
const sharedAreas = new Set(['platform', 'local']);
const platformWiring = new Set(['platform', 'api', 'once', 'arrivals', 'log', 'functionIds']);

export interface Place {
  layer: Layer;
  /** The area, `root` for a layer's own files (its indexes and catalogues), or a shared area. */
  area: string;
  /** Whether the file is its area's index, the one door other areas use. */
  index: boolean;
}

export function placeOf(path: string): Place {
  if (path.startsWith('npm:')) return { layer: 'npm', area: path.slice(4), index: false };
  if (path.startsWith('node:')) return { layer: 'node', area: path, index: false };
  const parts = path.split('/');
  const at = (n: number) => parts[n] ?? '';
  const inFolder = (n: number) => parts.length > n + 1;
  // Tests and CI's own scripts are free to reach anything.
  if (at(0) === 'test' || at(0) === '.ci') return { layer: 'test', area: 'test', index: false };
  if (at(0) === 'infra') return { layer: at(1) === 'local' ? 'local' : 'infra', area: 'infra', index: false };
  if (at(0) === 'functions') {
    const area = inFolder(1) ? at(1) : 'root';
    return {
      layer: 'functions',
      area,
      index: area !== 'root' && parts.at(-1) === 'manifest.ts' && parts.length === 3,
    };
  }
  if (at(0) !== 'shared') return { layer: 'config', area: 'config', index: false };
  const layer = at(1) as Layer;
  if (layer === 'kernel' || layer === 'http') return { layer, area: 'root', index: false };
  if (layer === 'wiring') {
    const area = at(2).replace(/\.ts$/, '');
    return { layer, area: platformWiring.has(area) ? 'platform' : area, index: true };
  }
  if (layer === 'adapters') {
    if (at(2) === 'local') return { layer, area: 'local', index: false };
    if (at(2) === 'aws' && inFolder(3)) return { layer, area: at(3), index: at(4) === 'index.ts' };
    return { layer, area: 'platform', index: false };
  }
  // domain, ports, app: shared/<layer>/<area>/…, or the layer's own index files at its root.
  if (!inFolder(2)) return { layer, area: 'root', index: false };
  return { layer, area: at(2), index: parts.length === 4 && at(3) === 'index.ts' };
}

/** What each layer may import, besides itself. `npm` and `node` are checked by their own lists. */
const allowed: Record<Layer, readonly Layer[]> = {
  kernel: ['kernel', 'npm', 'node'],
  domain: ['kernel', 'domain', 'npm', 'node'],
  ports: ['kernel', 'domain', 'ports', 'npm', 'node'],
  app: ['kernel', 'domain', 'ports', 'app', 'npm', 'node'],
  adapters: ['kernel', 'domain', 'ports', 'adapters', 'npm', 'node'],
  http: ['kernel', 'domain', 'ports', 'http', 'npm', 'node'],
  wiring: ['kernel', 'domain', 'ports', 'app', 'adapters', 'http', 'wiring', 'npm', 'node'],
  functions: ['kernel', 'domain', 'app', 'http', 'wiring', 'functions', 'npm', 'node'],
  infra: [
    'kernel',
    'domain',
    'ports',
    'app',
    'adapters',
    'http',
    'wiring',
    'functions',
    'infra',
    'config',
    'npm',
    'node',
  ],
  local: [
    'kernel',
    'domain',
    'ports',
    'app',
    'adapters',
    'http',
    'wiring',
    'functions',
    'infra',
    'local',
    'config',
    'npm',
    'node',
  ],
  test: [],
  config: [],
  npm: [],
  node: [],
};

/** Packages the inner layers may use: zod (behind kernel/zod.ts) and nothing of AWS. */
const innerPackages = new Set(['zod']);
/** Type-only packages a function's edge may name. */
const functionPackages = new Set(['aws-lambda']);

export function violationsOf(edges: readonly ImportEdge[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    const from = placeOf(edge.from);
    const to = placeOf(edge.to);
    if (from.layer === 'test') continue;
    const say = (why: string) => found.push(`${edge.from} → ${edge.to}: ${why}`);

    // The kernel may name the catalogues' types (Permission, ProblemCode): they are merged from areas.
    const catalogueType =
      from.layer === 'kernel' &&
      edge.typeOnly &&
      (edge.to === 'shared/domain/permissions.ts' || edge.to === 'shared/domain/errors.ts');
    if (!catalogueType && !allowed[from.layer].includes(to.layer)) {
      say(`${from.layer} may not import ${to.layer}`);
      continue;
    }
    if (to.layer === 'npm') {
      const packages =
        from.layer === 'functions'
          ? functionPackages
          : ['kernel', 'domain', 'ports', 'app'].includes(from.layer)
            ? innerPackages
            : undefined;
      if (packages && !packages.has(to.area)) say(`${from.layer} may not import the package ${to.area}`);
      continue;
    }
    // Areas: another area's code only through its index (a layer's root merges every area's files).
    const areaLayers: Layer[] = ['domain', 'ports', 'app', 'adapters', 'wiring', 'functions'];
    if (!areaLayers.includes(to.layer) || from.area === 'root') continue;
    if (to.area === 'root' || sharedAreas.has(to.area) || to.area === from.area) continue;
    if (from.layer === 'wiring' && from.area === 'platform') continue;
    if (!to.index) say(`area ${from.area} reaches into ${to.area}'s internals; import its index`);
  }
  return found;
}

/** The repository's own sources: every file the rules hold for (tests are exempt). */
export function repositoryFiles(root: string, list: readonly string[]): string[] {
  return list.filter((f) => /\.(ts|cts|mts)$/.test(f) && existsSync(join(root, f)) && !f.startsWith('test/'));
}
