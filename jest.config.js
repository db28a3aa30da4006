/**
 * One Jest run for everything: unit specs beside the code (src/**\/*.spec.ts, and the test
 * harness's own in test/support) and e2e specs (test/**\/*.e2e-spec.ts) against real PostgreSQL
 * and Redis. The global setup creates, migrates and seeds a template database for the run; each
 * e2e file works in a copy of it.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  // Node, plus a database of its own for each e2e file (copied from the run's template).
  testEnvironment: '<rootDir>/test/support/database-environment.ts',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    '/node_modules/.+\\.js$': [
      '@swc/jest',
      { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } },
    ],
  },
  // ESM-only dependencies, which Node (20.19+) loads with require() but Jest's runtime does not:
  // compiled to CommonJS like the sources. Every other package is loaded as it is.
  transformIgnorePatterns: ['/node_modules/(?!(.+/)?content-disposition/)'],
  testRegex: ['/src/.*\\.spec\\.ts$', '/test/support/.*\\.spec\\.ts$', '/test/.*\\.e2e-spec\\.ts$'],
  // Every answer of an in-process API is checked against its OpenAPI document; a test whose
  // answers break it fails (test/support/contract).
  setupFilesAfterEnv: ['<rootDir>/test/support/contract/fail-on-contract-violations.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
};
