/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `throughput.ts --profile DIR`): the
 * functions and the files (or packages) with the most self time, and the functions with the most
 * inclusive time (each counted once per sample however deep it recurses), as shares of the
 * samples taken while the process was busy (idle and GC shown apart), so a reader sees where a
 * request's CPU goes without opening a profiler.
 *
 * Usage: `tsx bench/profile-summary.ts <file.cpuprofile> [--top 25] [--match text] [--last 8]`;
 * `--match` keeps only the inclusive rows whose function or file contains the text; `--last S`
 * keeps only the samples of the profile's final S seconds (the load, not the start-up).
 */
import { readFile } from 'node:fs/promises';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

const argValue = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
};
const TOP = Number(argValue('top') ?? '') || 25;
const MATCH = argValue('match');
const LAST_SECONDS = Number(argValue('last') ?? '') || Infinity;
/** Frames that are not the program's work: shown apart from the busy share. */
const NOT_BUSY = new Set(['(idle)', '(program)', '(garbage collector)']);

/** A short place for a script URL: the package inside node_modules, or the path under the repo. */
function placeOf(url: string): string {
  if (url === '') return '(native)';
  const modules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (modules !== null) return `${modules[1] ?? ''}/${modules[2] ?? ''}`;
  const repo = /\/(api|scripts|test)\/(src\/.*)$/.exec(url);
  if (repo !== null) return `${repo[1] ?? ''}/${repo[2] ?? ''}`;
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  const place = placeOf(url);
  if (place.startsWith('node:') || place === '(native)') return place;
  const parts = place.split('/');
  if (place.startsWith('api/src/')) return parts.slice(0, 4).join('/');
  return place.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? place);
}

const frameKey = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'}  ${placeOf(frame.url)}:${frame.lineNumber + 1}`;

function printTable(title: string, counts: Map<string, number>, total: number): void {
  console.log(`\n${title}`);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  for (const [key, count] of sorted) {
    console.log(`  ${((count / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: profile-summary.ts <file.cpuprofile>');
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const selfByFunction = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const notBusy = new Map<string, number>();
  let busy = 0;
  let all = 0;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  // Each sample's time, from the deltas, to keep only the final LAST_SECONDS.
  let at = profile.startTime;
  const times = profile.timeDeltas.map((delta) => (at += delta));
  const from = profile.endTime - LAST_SECONDS * 1e6;
  for (const [index, sample] of profile.samples.entries()) {
    if ((times[index] ?? profile.endTime) < from) continue;
    all += 1;
    const leaf = byId.get(sample);
    if (leaf === undefined) continue;
    if (NOT_BUSY.has(leaf.callFrame.functionName)) {
      add(notBusy, leaf.callFrame.functionName);
      continue;
    }
    busy += 1;
    add(selfByFunction, frameKey(leaf.callFrame));
    add(selfByPackage, packageOf(leaf.callFrame.url));
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (node === undefined || node.callFrame.functionName === '(root)') continue;
      const key = frameKey(node.callFrame);
      if (MATCH !== undefined && !key.includes(MATCH)) continue;
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key);
      }
    }
  }
  const seconds = Math.min(LAST_SECONDS, (profile.endTime - profile.startTime) / 1e6);
  console.log(
    `${file}: ${all} samples over ${seconds.toFixed(1)} s; busy ${((busy / all) * 100).toFixed(1)}%`,
  );
  for (const [name, count] of notBusy) console.log(`  ${name}: ${((count / all) * 100).toFixed(1)}%`);
  console.log('(shares below are of busy samples)');
  printTable('self time by package or API folder', selfByPackage, busy);
  printTable('self time by function', selfByFunction, busy);
  printTable('inclusive time by function', inclusive, busy);
}

await main();
