/**
 * `npm run check [-- --env <name>|all] [-- --json]`: validates the environments (as synth does),
 * builds each, runs the best-practice rules and the static connectivity check, prints the
 * findings and the connectivity matrix, and exits 1 on a configuration error, an unsuppressed
 * error finding or a connectivity violation. Nothing is written to cdktf.out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { environments } from '../environments';
import { parseArgs, runMain, selectEnvironments } from '../lib/cli/args';
import { assertValid, ConfigError, formatProblems } from '../lib/config/validate';
import { analyzeConnectivity, formatMatrix, synthesizeStacks, type ConnectivityReport } from '../lib/reports/connectivity';
import { formatFindings, isBlocking, runRules, type Finding } from '../lib/rules';
import { buildEnvironment } from '../stacks/environment';

const USAGE = 'usage: npm run check -- [--env <name>|all] [--json]';

function main(): number {
  const args = parseArgs(process.argv.slice(2), { env: { kind: 'string' }, json: { kind: 'flag' } }, USAGE);
  const selected = selectEnvironments(args.env, environments, USAGE);
  // The rules and the matrix assume valid environments: report problems exactly as synth does.
  try {
    const warnings = assertValid(selected);
    if (warnings.length > 0) process.stderr.write(`${formatProblems(warnings)}\n`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
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

void runMain(main);
