/**
 * `npm run diagram` as a function of argv, the environments and file access, so it is tested
 * without touching the repository (scripts/diagram.ts connects it to the process and the disk).
 */
import * as path from 'path';
import { UsageError, parseArgs, selectEnvironments } from '../../cli/args';
import type { EnvironmentConfig } from '../../config/types';
import { ConfigError, assertValid, formatProblems } from '../../config/validate';
import { embedDiagram, hasDiagramMarkers, renderMarkdown } from './markdown';
import { renderMermaid } from './mermaid';

export const DIAGRAM_USAGE = 'usage: npm run diagram -- --env <name>|all [--stdout | --check]';

/** Reads and writes files by absolute path; `read` returns undefined for a missing file. */
export interface FileAccess {
  read(file: string): string | undefined;
  write(file: string, content: string): void;
}

export interface DiagramCliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const SPEC = { env: { kind: 'string' }, stdout: { kind: 'flag' }, check: { kind: 'flag' } } as const;

/** Every file the diagram of `env` owns, with its wanted content; README.md only when it has the markers. */
export function wantedFiles(
  root: string,
  env: EnvironmentConfig,
  files: FileAccess,
  readme?: string,
): { readonly file: string; readonly content: string }[] {
  const mermaid = renderMermaid(env);
  const out = [
    { file: path.join(root, 'docs', `${env.name}-topology.mmd`), content: mermaid },
    { file: path.join(root, 'docs', `${env.name}-topology.md`), content: renderMarkdown(env, mermaid) },
  ];
  const readmePath = path.join(root, 'README.md');
  const text = readme ?? files.read(readmePath);
  if (text !== undefined && hasDiagramMarkers(text, env.name))
    out.push({ file: readmePath, content: embedDiagram(text, env.name, mermaid) });
  return out;
}

/**
 * Writes docs/<env>-topology.mmd (raw Mermaid) and docs/<env>-topology.md (a page with the
 * Mermaid block), and refreshes the block between `<!-- diagram:<env>:start -->` and
 * `<!-- diagram:<env>:end -->` in README.md when README.md has those markers. `--stdout` prints
 * the Mermaid instead; `--check` writes nothing and exits 1 when any of those files differs from
 * a fresh render (for CI). The selected environments are validated first, as synth does: any
 * configuration error is printed as synth prints it and exits 1; warnings are printed.
 */
export function runDiagramCli(
  argv: readonly string[],
  environments: readonly EnvironmentConfig[],
  root: string,
  files: FileAccess,
): DiagramCliResult {
  let envs: readonly EnvironmentConfig[];
  let mode: 'write' | 'stdout' | 'check';
  try {
    const args = parseArgs(argv, SPEC, DIAGRAM_USAGE, [['stdout', 'check']]);
    envs = selectEnvironments(args.env, environments, DIAGRAM_USAGE, { required: true });
    mode = args.stdout ? 'stdout' : args.check ? 'check' : 'write';
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message === '') return { exitCode: 0, stdout: `${DIAGRAM_USAGE}\n`, stderr: '' };
    return { exitCode: 2, stdout: '', stderr: `${error.message}\n${DIAGRAM_USAGE}\n` };
  }

  let stderr = '';
  try {
    const warnings = assertValid(envs);
    if (warnings.length > 0) stderr += `${formatProblems(warnings)}\n`;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
  }

  if (mode === 'stdout') return { exitCode: 0, stdout: envs.map(renderMermaid).join('\n'), stderr };

  const stale: string[] = [];
  let stdout = '';
  let readme: string | undefined;
  for (const env of envs) {
    // README.md is carried from one environment to the next so every environment's block lands.
    for (const { file, content } of wantedFiles(root, env, files, readme)) {
      if (file === path.join(root, 'README.md')) readme = content;
      const current = files.read(file);
      if (current === content) continue;
      const rel = path.relative(root, file);
      if (mode === 'check') {
        if (!stale.includes(rel)) stale.push(rel);
      } else {
        files.write(file, content);
        stdout += `wrote ${rel}\n`;
      }
    }
  }
  if (stale.length > 0) {
    stderr += `out of date: ${stale.join(', ')}\nregenerate with: npm run diagram -- --env ${envs.length === 1 ? envs[0].name : 'all'}\n`;
    return { exitCode: 1, stdout, stderr };
  }
  if (mode === 'check') stdout += `diagrams up to date (${envs.map((e) => e.name).join(', ')})\n`;
  return { exitCode: 0, stdout, stderr };
}
