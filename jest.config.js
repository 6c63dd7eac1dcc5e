/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `npm run typecheck`; jest only transpiles.
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // The worker-thread reader loads compiled JS from lib/; tests build it first (see test/globalSetup).
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
};
