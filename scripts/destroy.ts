/**
 * `npm run destroy -- --env <name> (--consumer <name> | --service <name> | --hub <region> | --stack <glob> | --all)`
 * `                   [--auto-approve] [--parallel N] [--config <file>] [--outdir <dir>] [--skip-synth]`
 *
 * The stacks to destroy must still be in the configuration (destroy first, then remove the
 * consumer or service from the environment file). Checks that no deployed stack outside the
 * selection reads their remote state (else says which to destroy first), then runs
 * `cdktf destroy` of exactly those stacks.
 */
import { environments } from '../environments';
import { runMain } from '../lib/cli/args';
import { deployMain } from '../lib/ops/deploy-cli';

void runMain(() => deployMain('destroy', process.argv.slice(2), environments));
