import type { Config } from 'jest';

// Tiers are chosen by file suffix: *.test.ts are pure unit tests, *.int.test.ts talk to the real
// PostgreSQL and Temporal servers, *.e2e.test.ts drive the real API and worker processes over HTTP.
// The integration and e2e projects share one provisioned stack (libs/devstack/test/global-setup.ts).
// jose is an ES module only: the API loads it with import() (Node runs ESM natively), and swc turns it into
// CommonJS for jest, whose module loader cannot run ESM without flags.
const transform: Config['transform'] = {
  '^.+\\.ts$': '@swc/jest',
  '/node_modules/(jose|oidc-provider)/.+\\.js$': '@swc/jest',
};
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(jose|oidc-provider)/)'],
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/', '<rootDir>/.data/'],
};
const stack = {
  globalSetup: '<rootDir>/libs/devstack/test/global-setup.ts',
  globalTeardown: '<rootDir>/libs/devstack/test/global-teardown.ts',
  // Real servers answer in milliseconds but worker bundling and process start-up take seconds.
  setupFilesAfterEnv: ['<rootDir>/libs/devstack/test/stack-test-setup.ts'],
};

const config: Config = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      ...stack,
      displayName: 'integration',
      testMatch: ['**/*.int.test.ts'],
    },
    {
      ...common,
      ...stack,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.test.ts'],
    },
  ],
};

export default config;
