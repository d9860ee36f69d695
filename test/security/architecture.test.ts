// The shape the code keeps as it grows: small files, a platform that never reaches up into the
// modules, and modules that depend on each other in one direction only. Checked over the source
// tree with a plain import parser (every `import`/`export ... from` and dynamic `import()` of a
// relative path, type-only imports included: a type is a dependency too).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const API_SRC = fileURLToPath(new URL('../../api/src/', import.meta.url));
const MAX_LINES = 450;

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative import specifiers of a file, resolved to paths under api/src (`.js` read as `.ts`). */
function readImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:^|\s)(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gu),
    ...source.matchAll(/(?:^|\s)import\s+['"]([^'"]+)['"]/gu),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/gu),
  ].map((match) => match[1] ?? '');
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/u, '.ts')));
}

/** The top-level folder under `api/src/<area>/` a path belongs to, such as `journal`. */
function folderOf(path: string, area: 'modules' | 'platform'): string | undefined {
  const parts = relative(API_SRC, path).split(sep);
  return parts[0] === area && parts.length > 2 ? parts[1] : undefined;
}

/** Every cycle of a dependency graph, each as the nodes of one strongly connected component. */
export function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's algorithm: a component of more than one node (or a node depending on itself) is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node)?.has(node) ?? false)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const SOURCES = listSources(API_SRC);

describe('architecture of api/src', () => {
  it(`keeps every file at ${MAX_LINES} lines or fewer`, () => {
    const long = SOURCES.map((file) => ({
      file: relative(API_SRC, file),
      lines: readFileSync(file, 'utf8').split('\n').length - 1,
    })).filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('never imports a module from platform/', () => {
    const upward = SOURCES.filter((file) => folderOf(file, 'platform') !== undefined).flatMap((file) =>
      readImports(file)
        .filter((target) => relative(API_SRC, target).split(sep)[0] === 'modules')
        .map((target) => `${relative(API_SRC, file)} -> ${relative(API_SRC, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('sends DynamoDB commands only from repos (a module file named repo.ts or *-repo.ts)', () => {
    const outside = SOURCES.filter((file) => folderOf(file, 'modules') !== undefined)
      .filter((file) => !/(?:^|-)repo\.ts$/u.test(file.split(sep).at(-1) ?? ''))
      .filter((file) =>
        /from\s+'@aws-sdk\/(?:lib|client)-dynamodb'|\.doc\.send\(/u.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(API_SRC, file));
    expect(outside).toEqual([]);
  });

  it('has no import cycle between modules, direct or through others', () => {
    const graph = new Map<string, Set<string>>();
    for (const file of SOURCES) {
      const from = folderOf(file, 'modules');
      if (from === undefined) continue;
      const edges = graph.get(from) ?? new Set<string>();
      graph.set(from, edges);
      for (const target of readImports(file)) {
        const to = folderOf(target, 'modules');
        if (to !== undefined && to !== from) edges.add(to);
      }
    }
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycles(graph)).toEqual([]);
  });

  it('finds cycles through several modules (the check itself)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(
      findCycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set<string>()],
        ]),
      ),
    ).toEqual([]);
  });
});
