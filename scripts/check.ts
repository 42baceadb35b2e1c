/**
 * `npm run check [-- --env <name>] [-- --json]`: builds every environment, runs the
 * best-practice rules and the static connectivity check, prints the findings and the
 * connectivity matrix, and exits 1 on any unsuppressed error finding or connectivity
 * violation. Nothing is written to cdktf.out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { environments } from '../environments';
import { analyzeConnectivity, formatMatrix, synthesizeStacks, type ConnectivityReport } from '../lib/reports/connectivity';
import { formatFindings, isBlocking, runRules, type Finding } from '../lib/rules';
import { formatProblems, validateEnvironments } from '../lib/config/validate';
import { buildEnvironment } from '../stacks/environment';

const USAGE = 'usage: npm run check -- [--env <name>] [--json]';

/** Parses `--env <name>`, `--env=<name>` and `--json`; anything else is an error. */
function parseArgs(argv: readonly string[]): { env?: string; json: boolean } | string {
  let env: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--env' && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) env = argv[++i];
    else if (arg.startsWith('--env=')) env = arg.slice('--env='.length);
    else return arg === '--env' ? '--env needs an environment name' : `unknown argument '${arg}'`;
  }
  return { env, json };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`);
    return 2;
  }
  const selected = environments.filter((e) => !args.env || e.name === args.env);
  if (selected.length === 0) {
    process.stderr.write(`unknown environment '${args.env}'; known: ${environments.map((e) => e.name).join(', ')}\n`);
    return 2;
  }
  // The rules and the matrix assume a valid environment, as synth does.
  const problems = validateEnvironments(selected);
  if (problems.length > 0) {
    process.stderr.write(formatProblems(problems));
    return 1;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'privatelink-check-'));
  const results: { env: string; findings: (Finding & { env: string })[]; connectivity: ConnectivityReport }[] = [];
  try {
    for (const env of selected) {
      // One App per environment: each matrix sees only its own stacks.
      const app = new App({ outdir, skipValidation: true });
      buildEnvironment(app, env);
      const findings = runRules(app).map((f) => ({ env: env.name, ...f }));
      results.push({ env: env.name, findings, connectivity: analyzeConnectivity(env, synthesizeStacks(app)) });
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }

  const findings = results.flatMap((r) => r.findings);
  const failed = findings.some(isBlocking) || results.some((r) => r.connectivity.violations.length > 0);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ok: !failed, findings, connectivity: results.map((r) => r.connectivity) }, null, 2)}\n`);
  } else {
    process.stdout.write('Best-practice rules:\n');
    process.stdout.write(formatFindings(findings, { env: (f) => (f as Finding & { env: string }).env }));
    for (const r of results) process.stdout.write(`\n${formatMatrix(r.connectivity)}`);
    process.stdout.write(failed ? '\nCHECK FAILED\n' : '\nCheck passed.\n');
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
