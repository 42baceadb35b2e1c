// Jest runs at most two test files at a time. Without timing data (a fresh clone, as CI runs),
// its default order is by file size, which starts the two longest end-to-end files (dev and prod,
// small files calling test/e2e/environment-suite.ts) last, leaving one worker idle at the end.
// The end-to-end files start first, longest first (measured on 2 cores); the rest keep jest's order.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads this file as plain CommonJS, like jest.config.js
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = [
  'test/e2e/prod.e2e.test.ts',
  'test/e2e/dev.e2e.test.ts',
  'test/e2e/dns-migration.e2e.test.ts',
  'test/e2e/faults-drift.e2e.test.ts',
  'test/e2e/faults-remove-consumer.e2e.test.ts',
  'test/e2e/faults-interrupted-apply.e2e.test.ts',
  'test/e2e/faults-concurrent.e2e.test.ts',
  'test/e2e/faults-throttle.e2e.test.ts',
];

class LongestFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const i = FIRST.findIndex((f) => t.path.endsWith(f));
      return i === -1 ? FIRST.length : i;
    };
    const jestOrder = super.sort(tests);
    const position = new Map(jestOrder.map((t, i) => [t, i]));
    return [...jestOrder].sort((a, b) => rank(a) - rank(b) || position.get(a) - position.get(b));
  }
}

module.exports = LongestFirst;
