/**
 * `npm run diagram -- --env <name>|all [--stdout | --check]`
 *
 * Writes docs/<env>-topology.mmd (raw Mermaid) and docs/<env>-topology.md (a page with the
 * Mermaid block), and refreshes the block between `<!-- diagram:<env>:start -->` and
 * `<!-- diagram:<env>:end -->` in README.md when README.md has those markers.
 * `--stdout` prints the Mermaid instead of writing; `--check` writes nothing and exits 1 when
 * any of those files differs from a fresh render (for CI). Paths are relative to the current
 * directory, which `npm run` sets to the repository root.
 */
import * as fs from 'fs';
import * as path from 'path';
import { environments } from '../environments';
import type { EnvironmentConfig } from '../lib/config/types';
import { embedDiagram, hasDiagramMarkers, renderMarkdown, renderMermaid } from '../lib/reports/diagram';

const USAGE = 'usage: npm run diagram -- --env <name>|all [--stdout | --check]';

interface Options {
  readonly envs: readonly EnvironmentConfig[];
  readonly mode: 'write' | 'stdout' | 'check';
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\nknown environments: ${environments.map((e) => e.name).join(', ')}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  let envName: string | undefined;
  let mode: Options['mode'] = 'write';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--env') {
      envName = argv[++i];
      if (envName === undefined || envName.startsWith('--')) fail('--env needs an environment name or "all"');
    } else if (arg.startsWith('--env=')) {
      envName = arg.slice('--env='.length);
    } else if (arg === '--stdout' || arg === '--check') {
      const wanted = arg === '--stdout' ? 'stdout' : 'check';
      if (mode !== 'write' && mode !== wanted) fail('choose one of --stdout and --check');
      mode = wanted;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else {
      fail(`unknown argument '${arg}'`);
    }
  }
  if (envName === undefined) fail('missing --env');
  const envs = envName === 'all' ? environments : environments.filter((e) => e.name === envName);
  if (envs.length === 0) fail(`unknown environment '${envName}'`);
  return { envs, mode };
}

/** Every file the diagram of `env` owns, with its wanted content; README only when it has the markers. */
function wantedFiles(root: string, env: EnvironmentConfig): { readonly file: string; readonly content: string }[] {
  const mermaid = renderMermaid(env);
  const files = [
    { file: path.join(root, 'docs', `${env.name}-topology.mmd`), content: mermaid },
    { file: path.join(root, 'docs', `${env.name}-topology.md`), content: renderMarkdown(env, mermaid) },
  ];
  const readmePath = path.join(root, 'README.md');
  if (fs.existsSync(readmePath)) {
    const readme = fs.readFileSync(readmePath, 'utf8');
    if (hasDiagramMarkers(readme, env.name)) files.push({ file: readmePath, content: embedDiagram(readme, env.name, mermaid) });
  }
  return files;
}

function main(): void {
  const { envs, mode } = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  if (mode === 'stdout') {
    process.stdout.write(envs.map(renderMermaid).join('\n'));
    return;
  }
  const stale: string[] = [];
  for (const env of envs) {
    // README.md is re-read per environment so several environments' blocks all land.
    for (const { file, content } of wantedFiles(root, env)) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (current === content) continue;
      const rel = path.relative(root, file);
      if (mode === 'check') {
        stale.push(rel);
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
        process.stdout.write(`wrote ${rel}\n`);
      }
    }
  }
  if (stale.length > 0) {
    process.stderr.write(
      `out of date: ${stale.join(', ')}\nregenerate with: npm run diagram -- --env ${envs.length === 1 ? envs[0].name : 'all'}\n`,
    );
    process.exitCode = 1;
  } else if (mode === 'check') {
    process.stdout.write(`diagrams up to date (${envs.map((e) => e.name).join(', ')})\n`);
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
}
