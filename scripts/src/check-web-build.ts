import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the built SPA (web/dist, which is what gets published) must and must not contain, checked
 * after `vite build`: no source maps and no reference to one (they would publish the source), a
 * real robots.txt (not the app's index.html served for an unknown path), and a meta description.
 * Usage: `pnpm exec tsx scripts/src/check-web-build.ts`; exits 1 naming each problem.
 */

const DIST = join(fileURLToPath(new URL('../../', import.meta.url)), 'web', 'dist');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every problem with a built SPA folder; empty when it is fit to publish. */
export function findBuildProblems(dist: string): string[] {
  if (!existsSync(join(dist, 'index.html')))
    return [`${dist}/index.html is missing: run \`vite build\` first`];
  const problems: string[] = [];
  const files = listFiles(dist);
  for (const file of files) {
    const name = relative(dist, file);
    if (name.endsWith('.map')) problems.push(`${name}: a source map is published`);
    else if (/\.(?:js|css)$/u.test(name) && /[#@] sourceMappingURL=/u.test(readFileSync(file, 'utf8')))
      problems.push(`${name}: refers to a source map`);
  }
  const robots = join(dist, 'robots.txt');
  if (!existsSync(robots)) problems.push('robots.txt is missing (web/public/robots.txt)');
  else if (
    !/^\s*user-agent:/imu.test(readFileSync(robots, 'utf8')) ||
    /<html/iu.test(readFileSync(robots, 'utf8'))
  )
    problems.push('robots.txt has no User-agent line');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  if (!/<meta\s+name="description"\s+content="[^"]{50,160}"/u.test(html))
    problems.push('index.html has no meta description of 50 to 160 characters');
  if (!/<div id="root">\s*<[a-z]/u.test(html))
    problems.push('index.html draws nothing in #root before the script runs (the first paint waits for it)');
  return problems;
}

function main(): void {
  const problems = findBuildProblems(DIST);
  for (const problem of problems) console.error(`web build: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
  else
    console.log(
      'web build: no source maps, robots.txt and a meta description present, #root drawn before the script',
    );
}

main();
