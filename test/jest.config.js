// Suites that cross packages, run against the real embedded stack started once per run.
const ESM_ONLY = ['cookie', 'content-disposition'];
const swcTypeScript = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      // Keep `with { type: 'json' }` on JSON imports (shipped content), as Node requires it.
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];
const shared = {
  testEnvironment: 'node',
  transform: {
    // ESM-only dependencies loaded through require() (cookie@2 by light-my-request and
    // @fastify/cookie, content-disposition@3 by @fastify/static): compile them to CommonJS.
    [`/node_modules/.+/(${ESM_ONLY.join('|')})/dist/.+\\.js$`]: [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
    '^.+\\.tsx?$': swcTypeScript,
  },
  transformIgnorePatterns: [
    `/node_modules/(?!(${ESM_ONLY.map((name) => `\\.pnpm/${name}@|${name}/`).join('|')}))`,
  ],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  // Shared 2-core machines: hooks sign people in through the real mail path. (A global option:
  // Jest ignores testTimeout inside a project.)
  testTimeout: 30_000,
  // Each test file builds its own app, and the module registry of ESM test files is not freed
  // in band: over the whole run the process grew past 4 GB and the last files crawled in garbage
  // collection until hooks timed out. A worker is recycled once it holds more than this after a
  // file (setting it also runs the files in a worker, on one core as before).
  workerIdleMemoryLimit: '1GB',
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  projects: [
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/support/conformance-setup.ts'],
    },
    {
      ...shared,
      displayName: 'security',
      testMatch: ['<rootDir>/security/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/support/conformance-setup.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.test.ts'] },
    // The screenshot tour (`pnpm screens`): pictures for a person to review, not part of the test command.
    { ...shared, displayName: 'screens', testMatch: ['<rootDir>/screens/**/*.test.ts'] },
  ],
};
