#!/usr/bin/env node
// Runs a TypeScript entry point without type checking: a require hook transpiles each of
// the project's .ts files with esbuild as it is loaded (about a millisecond per file), so
// __dirname and stack traces stay true. Type checking belongs to `npm test`
// (`tsc --noEmit`), never to synth: a type-checking loader costs seconds per run.
// Usage: node scripts/run-ts.js <entry.ts> [args...]
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node scripts/run-ts.js <entry.ts> [args...]\n');
    process.exit(2);
  }
  const file = path.resolve(entry);
  process.argv = [process.argv[0], file, ...args];
  require(file);
}
