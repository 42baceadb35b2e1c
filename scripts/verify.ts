/**
 * `npm run verify -- --env <name> [--json] [--role-name <role>] [--parallel N]`
 * `                  [--reachability-analyzer [--ra-account <id>] [--ra-samples N] [--ra-keep]]`
 * `                  [--config <file>] [--outdir <dir>] [--skip-synth]`
 *
 * The connectivity matrix of `npm run check`, computed from the live state read through the AWS
 * APIs (lib/ops/verify/reader.ts) with the same model (lib/reports/connectivity), against the
 * matrix the configuration promises; each flow that differs is explained by the hop that is
 * missing. Also checks each consumer's private zones and their alias records. Read only.
 *
 * --reachability-analyzer: VPC Reachability Analyzer paths for a sample of consumer flows (hub
 * endpoint through the TGW, published service through its endpoint), with their verdicts; created
 * in --ra-account (default: the network account; cross-account needs Reachability Analyzer's
 * organization sharing and that account as delegated administrator), deleted afterwards unless
 * --ra-keep. Each analysis is charged by AWS.
 *
 * Exit codes: 0 live matches the configuration, 2 it differs (or an analysis found no path), 1 an
 * account could not be read.
 */
import { environments } from '../environments';
import { parseArgs, runMain } from '../lib/cli/args';
import { defaultParallelism } from '../lib/cli/run';
import { analyzeConnectivity, formatMatrix } from '../lib/reports/connectivity';
import { AwsAccess } from '../lib/ops/aws';
import { environmentOf, LIVE_OPTIONS, LIVE_USAGE, reportKnownError, workspaceOf } from '../lib/ops/cli';
import { compareReports, formatComparison, verifyExitCode } from '../lib/ops/verify/compare';
import { checkDns } from '../lib/ops/verify/dns';
import { formatVerdicts, runReachability, sampleFlows } from '../lib/ops/verify/reachability';
import { readLive } from '../lib/ops/verify/reader';
import { profileReader } from '../lib/ops/verify/route53profiles';

const USAGE = `usage: npm run verify -- ${LIVE_USAGE} [--reachability-analyzer [--ra-account <id>] [--ra-samples N] [--ra-keep]]`;

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      ...LIVE_OPTIONS,
      'reachability-analyzer': { kind: 'flag' },
      'ra-account': { kind: 'string' },
      'ra-samples': { kind: 'int' },
      'ra-keep': { kind: 'flag' },
    },
    USAGE,
  );
  try {
    const env = environmentOf(args, USAGE, environments);
    const ws = workspaceOf(env, args);
    const promised = analyzeConnectivity(env, Object.fromEntries(ws.stacks.map((s) => [s.id, ws.json(s.id)])));
    const aws = new AwsAccess({ roleName: args['role-name'] ?? env.deployRoleName });
    const errors: string[] = [];
    const places = ws.stacks.flatMap((s) => s.places);
    process.stderr.write(
      `verify: ${env.name}: reading ${new Set(places.map((p) => `${p.account}/${p.region}`)).size} account/region pairs\n`,
    );
    const live = await readLive({
      clients: aws.factory,
      profiles: profileReader(aws.factory),
      environment: env.name,
      places,
      networkAccount: env.network.accountId,
      parallel: args.parallel ?? defaultParallelism(),
      onError: (what, e) => errors.push(`${what}: ${e instanceof Error ? e.message : String(e)}`),
    });
    const liveReport = analyzeConnectivity(env, live.json.build());
    const comparison = compareReports(promised, liveReport, live.json.notes, checkDns(env, live));
    const verdicts = args['reachability-analyzer']
      ? await runReachability(env, sampleFlows(env, live, args['ra-samples'] ?? 2), {
          clients: aws.factory,
          account: args['ra-account'] ?? env.network.accountId,
          keep: args['ra-keep'],
        })
      : [];
    aws.destroy();
    const unreachable = verdicts.some((v) => v.error !== undefined || v.pathFound !== true);
    const code = errors.length > 0 ? 1 : verifyExitCode(comparison) || (unreachable ? 2 : 0);
    if (args.json) {
      process.stdout.write(
        `${JSON.stringify({ env: env.name, exitCode: code, live: liveReport, differences: comparison.differences, violations: comparison.violations, dns: comparison.dns, reachability: verdicts, errors }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(`Live (read through the AWS APIs) — ${formatMatrix(liveReport)}\n${formatComparison(comparison)}`);
      if (verdicts.length > 0) process.stdout.write(`\n${formatVerdicts(verdicts)}`);
      if (errors.length > 0) process.stdout.write(`\nCould not read:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
    }
    return code;
  } catch (error) {
    const code = reportKnownError(error);
    if (code !== undefined) return code;
    throw error;
  }
}

void runMain(main);
