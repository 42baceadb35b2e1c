/**
 * `npm run deploy -- --env <name> (--consumer <name> | --service <name> | --hub <region> | --stack <glob> | --all)`
 * `                  [--auto-approve] [--parallel N] [--config <file>] [--outdir <dir>] [--skip-synth]`
 *
 * Synthesizes the environment, checks that every stack the selected ones read remote state from
 * is deployed (else says which to deploy first and runs nothing), that no selected stack is
 * locked, then runs `cdktf deploy` of exactly the selected stacks (interactive approval unless
 * --auto-approve). Exit 0 when deployed, 1 otherwise, 2 on a bad command line.
 */
import { environments } from '../environments';
import { runMain } from '../lib/cli/args';
import { deployMain } from '../lib/ops/deploy-cli';

void runMain(() => deployMain('deploy', process.argv.slice(2), environments));
