/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // The worker-thread reader loads compiled JS from lib/; tests build it first (see test/globalSetup).
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
};
