/**
 * `npm run diagram -- --env <name>|all [--stdout | --check]`
 *
 * Validates the selected environments (as synth does), then writes docs/<env>-topology.mmd and
 * docs/<env>-topology.md and refreshes the diagram block of README.md when README.md has its
 * markers. `--stdout` prints the Mermaid instead of writing; `--check` writes nothing and exits 1
 * when any of those files differs from a fresh render (for CI). Paths are relative to the
 * current directory, which `npm run` sets to the repository root. All logic lives in
 * lib/reports/diagram/ (tested); this file only connects it to the process and the disk.
 */
import * as fs from 'fs';
import * as path from 'path';
import { environments } from '../environments';
import { runMain } from '../lib/cli/args';
import { runDiagramCli } from '../lib/reports/diagram';

void runMain(() => {
  const result = runDiagramCli(process.argv.slice(2), environments, process.cwd(), {
    read: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
    write: (file, content) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    },
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
});
