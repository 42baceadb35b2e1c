// Type checking is a separate step (`tsc --noEmit`, first in `npm test`); ts-jest only
// transpiles (isolatedModules in tsconfig.json). Slow suites run in their own projects with longer timeouts.
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const base = { preset: 'ts-jest', testEnvironment: 'node', transform };

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // The parent jest process records and reaps every process the tests start (lib/cli/run.ts,
  // lib/ops/reaper.ts): SIGINT/SIGTERM to `npm test` leaves no emulator, cdktf or terraform behind.
  globalSetup: '<rootDir>/test/lib/ops/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/lib/ops/jest-global-teardown.ts',
  testSequencer: '<rootDir>/test/sequencer.js',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.terraform\\.test\\.ts$', '\\.package\\.test\\.ts$', '\\.emulator\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...base,
      displayName: 'terraform',
      testMatch: ['<rootDir>/test/**/*.terraform.test.ts'],
    },
    {
      ...base,
      displayName: 'package',
      testMatch: ['<rootDir>/test/**/*.package.test.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.emulator.test.ts', '<rootDir>/test/**/*.e2e.test.ts'],
    },
  ],
};
