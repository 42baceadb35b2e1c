/**
 * The cdktf app: every shipped environment, validated, built, checked against the
 * best-practice rules, synthesized. Nothing is written when any of that fails.
 */
import { environments } from './environments';
import { synthesizeEnvironments } from './stacks/synthesize';

if (!synthesizeEnvironments(environments)) process.exit(1);
