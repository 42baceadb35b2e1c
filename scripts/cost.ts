/**
 * `npm run cost -- --env <name>|all [--json | --markdown]`: the estimated monthly cost of an
 * environment, per stack and line item. All logic lives in lib/reports/cost.ts (pure and tested);
 * this file only connects it to the process.
 */
import { environments } from '../environments';
import { runCostCli } from '../lib/reports/cost';

const result = runCostCli(process.argv.slice(2), environments);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
