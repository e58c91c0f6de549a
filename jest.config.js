/**
 * One Jest run = one database: test/support/global-setup.ts starts embedded
 * PostGIS (or takes TEST_DATABASE_URL), migrates and seeds it once, then every
 * spec runs in band against it (PGlite serves one connection at a time).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // bcp-47 and iso-639-3 (and bcp-47's is-* helpers) ship only as ES modules, which Jest's
  // CommonJS runtime cannot require: SWC compiles them for Jest (Node 20.19+ loads them as they are)
  transform: { '^.+\\.ts$': swc, '/node_modules/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(bcp-47|iso-639-3|is-alphabetical|is-alphanumerical|is-decimal)/)'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 1,
};
