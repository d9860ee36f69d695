/**
 * Bundles the Lambda entries (`lambda.ts`, the API; `lambda-jobs.ts`, the scheduled jobs) into
 * ESM files under `dist/lambda/bundle/`: one per entry, plus chunks beside them for the code both
 * share and for each library loaded on first use (AI SDKs, Stripe, PDFKit, CSV, ZIP), so a cold
 * start parses only what most requests need. `dist/lambda/` is the code the CDK stack deploys
 * (handlers `bundle/lambda.handler`, `bundle/lambda-jobs.purge`, ...), every chunk with it:
 * `pnpm --filter @holdfast/api build:lambda`. Every dependency, the AWS SDK included, is bundled
 * so the deployed code runs the versions the tests ran, not the runtime's. esbuild's account of
 * what went where is written beside the code, not in it (`dist/lambda-metafile.json`).
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const API_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The directory deployed as the functions' code. */
export const LAMBDA_OUT_DIR = `${API_ROOT}dist/lambda`;
/** Where the bundles are, inside it. */
export const LAMBDA_BUNDLE_DIR = `${LAMBDA_OUT_DIR}/bundle`;
/** esbuild's metafile of the last build: every output file, its size and what it imports. */
export const LAMBDA_METAFILE = `${API_ROOT}dist/lambda-metafile.json`;

/**
 * The API docs page (`/docs`, @fastify/swagger-ui) serves files from its package's `static/`
 * folder, found from its own `__dirname`: `<dir>/../static` for the page's assets and
 * `<dir>/static/logo.svg` for the logo. The bundle's `__dirname` is `bundle/`, so the folder is
 * copied to `static/` beside it and the logo to `bundle/static/`.
 */
async function copySwaggerUiFiles(outDir: string, bundleDir: string): Promise<void> {
  const swaggerUiRoot = dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json'));
  await cp(join(swaggerUiRoot, 'static'), join(outDir, 'static'), { recursive: true });
  await mkdir(join(bundleDir, 'static'), { recursive: true });
  await cp(join(swaggerUiRoot, 'static', 'logo.svg'), join(bundleDir, 'static', 'logo.svg'));
}

/**
 * PDFKit loads its standard fonts (the court report's Helvetica) with a run-time `require` of its
 * own `#standard-fonts/*` files, which a bundle cannot resolve; this turns each into a static
 * import of the same font data so the fonts travel inside the bundle.
 */
const pdfkitStandardFonts: Plugin = {
  name: 'pdfkit-standard-fonts',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const fonts = new Set<string>();
      const contents = source.replace(/require\$1\('#standard-fonts\/(\w+)'\)/g, (_, font: string) => {
        fonts.add(font);
        return `__standardFont${font}`;
      });
      const imports = [...fonts].map(
        (font) => `import __standardFont${font} from './standard-fonts/${font}.mjs';`,
      );
      return { contents: `${imports.join('\n')}\n${contents}`, loader: 'js' };
    });
  },
};

/**
 * fontkit (under PDFKit) carries a 475 kB Brotli decoder for WOFF2 fonts; the API only draws
 * PDFKit's built-in standard fonts, so the decoder is replaced by one that refuses, keeping the
 * bundle under its 5 MB budget. A WOFF2 font added later fails loudly, not silently.
 */
const withoutWoff2Decoder: Plugin = {
  name: 'without-woff2-decoder',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, () => ({
      path: 'brotli-decompress',
      namespace: 'without-woff2-decoder',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'without-woff2-decoder' }, () => ({
      contents:
        "export default function decompress() { throw new Error('WOFF2 fonts are not supported in the Lambda bundle'); }",
      loader: 'js',
    }));
  },
};

/**
 * Checks the data files shipped inside the code by loading the modules that hold them (each checks
 * its files as it loads and throws on a bad one), so a bad file stops the build and the bundle
 * need not check them again at every cold start (platform/shipped-data-check.ts).
 */
async function checkShippedData(): Promise<void> {
  await import('../modules/credentials/catalogue/load-catalogue.js');
  await import('../modules/practice/content.js');
  await import('../modules/library/content.js');
}

/**
 * Bundles API entries (paths under `api/src/`) into `<outDir>/bundle/`, with the docs page's files
 * beside them; the Lambda functions and the long-running server (build-server.ts) share it.
 */
export async function bundleApiEntries(entries: Record<string, string>, outDir: string): Promise<Metafile> {
  const bundleDir = `${outDir}/bundle`;
  await checkShippedData();
  await rm(outDir, { recursive: true, force: true });
  const { metafile } = await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, source]) => [name, `${API_ROOT}src/${source}`]),
    ),
    outdir: bundleDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    // Each dynamic import() becomes its own chunk, loaded when first called. Chunks sit beside the
    // entries so their `__dirname` (the docs page's static files) is the same as the entries'.
    splitting: true,
    chunkNames: '[name]-[hash]',
    metafile: true,
    minify: true,
    // No source map: 25 MB more to load, and stack traces are not logged with record content anyway.
    sourcemap: false,
    legalComments: 'linked',
    // checkShippedData() above has checked the shipped data files this bundle carries.
    define: { HOLDFAST_SHIPPED_DATA_CHECKED: 'true' },
    // CommonJS dependencies call require() for Node's own modules and read __dirname, which an
    // ES module lacks.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { dirname as __pathDirname } from 'node:path';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        'const __dirname = __pathDirname(__filename);',
      ].join(' '),
    },
    plugins: [pdfkitStandardFonts, withoutWoff2Decoder],
    logLevel: 'warning',
  });
  await copySwaggerUiFiles(outDir, bundleDir);
  return metafile;
}

/** Builds both Lambda bundles and returns esbuild's metafile (also written to LAMBDA_METAFILE). */
export async function buildLambdaBundles(): Promise<Metafile> {
  const metafile = await bundleApiEntries(
    { lambda: 'lambda.ts', 'lambda-jobs': 'lambda-jobs.ts' },
    LAMBDA_OUT_DIR,
  );
  await writeFile(LAMBDA_METAFILE, JSON.stringify(metafile));
  return metafile;
}

/** What a cold start of one entry parses, and what the deployed code holds in all. */
export type BundleSizes = { entryBytes: number; totalBytes: number };

/**
 * Sizes from the build's metafile: `entryBytes` is the entry and every chunk it imports statically
 * (what loading the handler parses); chunks behind `import()` count only in `totalBytes`.
 */
export function measureBundle(metafile: Metafile, entry = 'lambda.mjs'): BundleSizes {
  const outputs = metafile.outputs;
  const code = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  const entryFile = code.find((file) => file.endsWith(`/bundle/${entry}`));
  if (entryFile === undefined) throw new Error(`no ${entry} in the build`);
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && imported.path in outputs) visit(imported.path);
    }
  };
  visit(entryFile);
  const bytesOf = (files: Iterable<string>) =>
    [...files].reduce((sum, file) => sum + (outputs[file]?.bytes ?? 0), 0);
  return { entryBytes: bytesOf(loaded), totalBytes: bytesOf(code) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildLambdaBundles();
  process.stdout.write(`Lambda bundles written to ${LAMBDA_OUT_DIR}\n`);
}
