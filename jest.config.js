/** One jest run for every tier: unit tests of the rules, integration and end-to-end tests. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@p2p/moderation$': '<rootDir>/libs/moderation/src',
  '^@p2p/moderation/(.*)$': '<rootDir>/libs/moderation/src/$1',
  '^@p2p/guidelines$': '<rootDir>/libs/guidelines/src',
  '^@p2p/guidelines/(.*)$': '<rootDir>/libs/guidelines/src/$1',
  '^@p2p/contract$': '<rootDir>/libs/contract/src',
  '^@p2p/contract/(.*)$': '<rootDir>/libs/contract/src/$1',
};

const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };
// PostgreSQL and Redis for the run (once, however many of these projects run; see global-setup.ts).
const withServices = {
  ...common,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  // A generous limit (jest reads it for the whole run, not per project): the machines are shared
  // and slow at times, and no test asserts on speed.
  testTimeout: 30_000,
  projects: [
    // Unit tests of the rules need no database: only the other projects start one.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...withServices, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.spec.ts'] },
    { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // The web client in Debian's Chromium, driven by playwright-core (see test/browser/browser.ts).
    { ...withServices, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    // Faults (docs/faults.md): private PostgreSQL and Redis killed and stopped under load.
    { ...withServices, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
  ],
};
