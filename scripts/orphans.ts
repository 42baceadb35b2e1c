/**
 * `npm run orphans -- --env <name> [--json] [--role-name <role>] [--parallel N] [--config <file>] [--outdir <dir>] [--skip-synth]`
 *
 * Lists what exists in AWS with the environment's tags (`environment`, `stack`) that no stack's
 * state holds, with the `terraform import` line that adopts it into the stack of its `stack` tag
 * (or the AWS CLI line that deletes it, for stacks no longer in the configuration); untagged
 * resources of those stacks that exist already (routes, associations, zone authorizations, ...);
 * state objects of stacks the configuration no longer yields; and state locks. Read only.
 *
 * The accounts and regions read: every one the configuration's stacks act in, and those of the
 * resources in stale state objects. Each through AssumeRole of `--role-name` (default: the
 * environment's deploy role), or the emulator with PRIVATELINK_EMULATOR_ENDPOINT.
 *
 * --write-imports writes the imports as Terraform import blocks (`orphans-import.tf.json`) into each
 * stack's directory of --outdir: the next `npm run deploy --skip-synth` of the stack adopts them
 * all in one run (delete the file afterwards).
 *
 * Exit codes: 0 nothing found, 2 orphans, stale states or locks found, 1 an account could not be read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environments } from '../environments';
import { parseArgs, runMain } from '../lib/cli/args';
import { defaultParallelism } from '../lib/cli/run';
import { parseArn } from '../lib/ops/arn';
import { AwsAccess } from '../lib/ops/aws';
import { backendOf, stateObjectsOf } from '../lib/ops/backend';
import { environmentOf, LIVE_OPTIONS, LIVE_USAGE, reportKnownError, workspaceOf } from '../lib/ops/cli';
import { inventory, type Place } from '../lib/ops/inventory';
import {
  findChildren,
  findOrphans,
  formatOrphans,
  IMPORT_FILE,
  importBlocks,
  orphansExitCode,
  type OrphanReport,
} from '../lib/ops/orphans';
import type { StateFile } from '../lib/ops/state-store';
import { mapLimit } from '../lib/cli/run';

const USAGE = `usage: npm run orphans -- ${LIVE_USAGE} [--write-imports]`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { ...LIVE_OPTIONS, 'write-imports': { kind: 'flag' } }, USAGE);
  try {
    const env = environmentOf(args, USAGE, environments);
    const ws = workspaceOf(env, args);
    const backend = backendOf(ws);
    if (!backend) {
      process.stderr.write(
        "orphans: the state is not in S3 (Terraform Cloud): list each workspace's resources with terraform state list\n",
      );
      return 1;
    }
    const parallel = args.parallel ?? defaultParallelism();
    const { deployed, locks } = await stateObjectsOf(backend);
    const configIds = new Set(ws.stacks.map((s) => s.id));
    const stateIds = [...new Set([...deployed, ...configIds])];
    const read = await mapLimit(stateIds, 8, async (id) =>
      deployed.has(id) ? backend.store.read(configIds.has(id) ? backend.key(id) : `${backend.prefix}${id}.tfstate`) : undefined,
    );
    const states: Record<string, StateFile | undefined> = Object.fromEntries(stateIds.map((id, i) => [id, read[i]]));
    backend.destroy();
    const stale = stateIds
      .filter((id) => !configIds.has(id))
      .map((id) => ({ stack: id, key: states[id]?.key ?? id, resources: states[id]?.objects.length ?? 0 }))
      .filter((s) => s.resources > 0);

    const places: Place[] = ws.stacks.flatMap((s) => s.places);
    for (const s of stale) {
      for (const o of states[s.stack]?.objects ?? []) {
        const arn = o.ids.map(parseArn).find((a) => a && a.account && a.region);
        if (arn) places.push({ account: arn.account, region: arn.region });
      }
    }
    const aws = new AwsAccess({ roleName: args['role-name'] ?? env.deployRoleName });
    const errors: string[] = [];
    process.stderr.write(
      `orphans: ${env.name}: reading ${new Set(places.map((p) => `${p.account}/${p.region}`)).size} account/region pairs\n`,
    );
    const live = await inventory({
      clients: aws.factory,
      environment: env.name,
      places,
      parallel,
      onError: (p, e) => errors.push(`${p.account}/${p.region}: ${e instanceof Error ? e.message : String(e)}`),
    });
    const input = {
      env: env.name,
      stacks: ws.stacks.map((s) => ({ id: s.id, json: ws.json(s.id), dir: ws.dir(s.id) })),
      states,
      live,
      locks,
      staleStates: stale,
      errors,
      clients: aws.factory,
    };
    const found = findOrphans(input);
    const withImports = [...new Set(found.orphans.filter((o) => o.action.kind === 'import').map((o) => o.stack))];
    const children = await findChildren(input, found.known, withImports);
    aws.destroy();
    const report: OrphanReport = {
      env: found.env,
      orphans: found.orphans,
      children,
      staleStates: found.staleStates,
      locks: found.locks,
      errors: found.errors,
    };
    if (args['write-imports']) {
      for (const [dir, blocks] of importBlocks(report, (stack) => ws.dir(stack))) {
        writeFileSync(join(dir, IMPORT_FILE), `${JSON.stringify(blocks, null, 2)}\n`);
        process.stderr.write(`orphans: wrote ${blocks.import.length} import block(s) to ${join(dir, IMPORT_FILE)}\n`);
      }
    }
    if (args.json) process.stdout.write(`${JSON.stringify({ ...report, exitCode: orphansExitCode(report) }, null, 2)}\n`);
    else process.stdout.write(formatOrphans(report));
    return orphansExitCode(report);
  } catch (error) {
    const code = reportKnownError(error);
    if (code !== undefined) return code;
    throw error;
  }
}

void runMain(main);
