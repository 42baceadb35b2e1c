/**
 * `npm run cost -- --env <name>|all [--json | --markdown]`: the estimated monthly cost of an
 * environment, per stack and line item and per catalog service. The environments are validated
 * first, as synth does. All logic lives in lib/reports/cost/ (pure and tested); this file only
 * connects it to the process.
 */
import { environments } from '../environments';
import { runMain } from '../lib/cli/args';
import { runCostCli } from '../lib/reports/cost';

void runMain(() => {
  const result = runCostCli(process.argv.slice(2), environments);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
});
