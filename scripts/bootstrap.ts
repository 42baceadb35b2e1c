/**
 * `npm run bootstrap -- --env <name> [--synth-only] [--auto-approve] [--out <dir>] [--state-dir <dir>]`: the one-time
 * bootstrap of an environment, run with administrator credentials of the organization's management
 * account (like `cdk bootstrap`). Validates the environment, builds its app stacks in memory to
 * generate each account's least-privilege deploy-role policy, synthesizes the bootstrap stacks
 * (stacks/bootstrap/) into cdktf.out.bootstrap/, runs the best-practice rules, prints the policy
 * summary, then runs `terraform init` and `terraform apply` in each bootstrap stack: one after
 * another, each apply asking for approval, or with --auto-approve three at a time (the bootstrap
 * stacks do not read each other). With --synth-only it prints those
 * commands instead of running them. `main.ts` (cdktf synth) never includes these stacks.
 *
 * Their state is local, in bootstrap-state/<env>/ (or --state-dir) next to the output (see
 * stacks/bootstrap/bootstrap-stack.ts). With PRIVATELINK_EMULATOR_ENDPOINT set, the providers point
 * at the local AWS emulator, as `cdktf synth` does (lib/cdktf/emulator.ts).
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { App } from 'cdktf';
import { environments } from '../environments';
import { emulatorFromEnvironment } from '../lib/cdktf/emulator';
import { disableTokenStackTraces } from '../lib/cdktf/internals';
import { parseArgs, runMain, selectEnvironments } from '../lib/cli/args';
import { mapLimit, run } from '../lib/cli/run';
import { terraformEnv } from '../lib/cli/terraform-cli';
import { assertValid, ConfigError, formatProblems } from '../lib/config/validate';
import { summarizePolicies, trustedPrincipalPolicy } from '../lib/iam';
import { formatFindings, isBlocking, runRules } from '../lib/rules';
import { buildBootstrap } from '../stacks/bootstrap';

const USAGE = 'usage: npm run bootstrap -- --env <name> [--synth-only] [--auto-approve] [--out <dir>] [--state-dir <dir>]';
const ROOT = resolve(__dirname, '..');
/** Bootstrap stacks applied at once with --auto-approve (each is one Terraform run with one provider). */
const BOOTSTRAP_PARALLELISM = 3;

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      env: { kind: 'string' },
      'synth-only': { kind: 'flag' },
      'auto-approve': { kind: 'flag' },
      out: { kind: 'string' },
      'state-dir': { kind: 'string' },
    },
    USAGE,
    [['synth-only', 'auto-approve']],
  );
  const [env] = selectEnvironments(args.env, environments, USAGE, { required: true, allowAll: false });
  try {
    const warnings = assertValid([env]);
    if (warnings.length > 0) process.stderr.write(`${formatProblems(warnings)}\n`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (!env.bootstrap) {
    process.stderr.write(
      `${env.name} has no bootstrap section: add one to environments/${env.name}.ts, e.g.\n` +
        "  bootstrap: { trust: { kind: 'principal', arn: 'arn:aws:iam::<account>:role/<CI role>' } },\n" +
        '(see the bootstrap fields in lib/config/types.ts)\n',
    );
    return 1;
  }
  if (process.env.CDKTF_TOKEN_STACK_TRACES !== '1') disableTokenStackTraces();

  const outdir = resolve(args.out ?? join(ROOT, 'cdktf.out.bootstrap'));
  const stateDir = resolve(args['state-dir'] ?? join(ROOT, 'bootstrap-state', env.name));
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  const boot = buildBootstrap(app, env, {
    stateDir: relative(join(outdir, 'stacks', 'any'), stateDir),
    emulator: emulatorFromEnvironment(process.env),
  });
  const findings = runRules(app);
  const open = findings.filter((f) => !f.suppressed);
  if (open.length > 0) process.stderr.write(formatFindings(open));
  // Suppressed findings (PL7 on every bootstrap stack: local state by design), once per reason.
  const suppressed = new Map<string, string[]>();
  for (const f of findings.filter((x) => x.suppressed)) {
    const key = `${f.ruleId}: ${f.suppressed!.reason}`;
    suppressed.set(key, [...(suppressed.get(key) ?? []), f.stack]);
  }
  for (const [key, stacks] of suppressed)
    process.stderr.write(`suppressed on ${stacks.length} stack${stacks.length === 1 ? '' : 's'}: ${key}\n`);
  if (findings.some(isBlocking)) return 1;
  app.synth();

  const out = (text: string) => process.stdout.write(text);
  out(
    `Bootstrap of ${env.name}: ${boot.order.length} stacks in ${relative(process.cwd(), outdir) || '.'}/stacks, local state in ${relative(process.cwd(), stateDir)}/\n`,
  );
  out('Deploy-role policies (generated from the app stacks):\n');
  for (const line of summarizePolicies(boot.policies)) out(`  ${line}\n`);
  const stackDir = (id: string) => relative(process.cwd(), join(outdir, 'stacks', id)) || '.';
  const notes = [
    'Run with administrator credentials of the management account ' +
      `${env.organization.managementAccountId}; the member accounts are reached through the role ${env.bootstrap.adminRoleName ?? 'OrganizationAccountAccessRole'}.`,
    ...(boot.hcpTerraform ? ['The HCP Terraform stack needs a token: TFE_TOKEN, or `terraform login`.'] : []),
  ];
  for (const note of notes) out(`${note}\n`);
  if (env.bootstrap.trust.kind === 'principal') {
    out(`The trusted principal ${env.bootstrap.trust.arn} needs this policy of its own (nothing more) to deploy the app stacks:\n`);
    out(`${JSON.stringify(trustedPrincipalPolicy(env), null, 2)}\n`);
  }

  if (args['synth-only']) {
    out('\nApply in this order:\n');
    for (const id of boot.order) out(`  terraform -chdir=${stackDir(id)} init && terraform -chdir=${stackDir(id)} apply\n`);
    out(`\nThen deploy the app stacks as the trusted principal: npx cdktf deploy '${env.name}-*'\n`);
    return 0;
  }

  // Terraform through the project's CLI config (the offline provider mirror when there is one).
  const tfEnv: NodeJS.ProcessEnv = { ...terraformEnv(join(ROOT, '.terraform-cli')) };
  delete tfEnv.TF_IN_AUTOMATION;
  const steps = (autoApprove: boolean) => [
    ['init', '-input=false'],
    ['apply', ...(autoApprove ? ['-auto-approve', '-no-color'] : [])],
  ];
  const failed = (id: string, step: string) =>
    process.stderr.write(
      `terraform ${step} failed in ${id}; fix it and run the bootstrap again (applied stacks are unchanged by a rerun)\n`,
    );
  if (!args['auto-approve']) {
    // Each apply asks for approval: one stack after another, in this terminal.
    for (const id of boot.order) {
      out(`\n== ${id}\n`);
      for (const step of steps(false)) {
        const r = await run('terraform', [`-chdir=${stackDir(id)}`, ...step], { env: tfEnv, stdio: 'inherit', timeoutMs: 3_600_000 });
        if (r.code !== 0) {
          failed(id, step[0]);
          return 1;
        }
      }
    }
  } else {
    // The bootstrap stacks do not read each other: with --auto-approve they run side by side,
    // each one's output printed when it ends.
    let failures = 0;
    await mapLimit(boot.order, BOOTSTRAP_PARALLELISM, async (id) => {
      for (const step of steps(true)) {
        const r = await run('terraform', [`-chdir=${stackDir(id)}`, ...step], { env: tfEnv, timeoutMs: 3_600_000 });
        if (r.code !== 0) {
          out(`\n== ${id}\n${r.stdout}`);
          process.stderr.write(r.stderr);
          failed(id, step[0]);
          failures++;
          return;
        }
        if (step[0] === 'apply')
          out(
            `\n== ${id}\n${r.stdout
              .split('\n')
              .filter((l) => /Apply complete|No changes|Outputs:|deploy-role-arn|state-bucket/.test(l))
              .join('\n')}\n`,
          );
      }
    });
    if (failures > 0) return 1;
  }
  out(`\nBootstrapped ${env.name}. Deploy the app stacks as the trusted principal: npx cdktf deploy '${env.name}-*'\n`);
  return 0;
}

void runMain(main);
