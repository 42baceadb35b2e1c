/**
 * The cdktf app: every shipped environment, validated, built, checked against the
 * best-practice rules, synthesized. Nothing is written when any of that fails.
 * The app (not the library) reads the process environment: the emulator endpoint of the
 * end-to-end suite, and whether to keep cdktf's token stack traces for debugging.
 */
import { environments } from './environments';
import { emulatorFromEnvironment } from './lib/cdktf/emulator';
import { disableTokenStackTraces } from './lib/cdktf/internals';
import { synthesizeEnvironments } from './stacks/synthesize';

// Token stack traces cost about 1 s and 75 MB at hundreds of stacks; CDKTF_TOKEN_STACK_TRACES=1 keeps them.
if (process.env.CDKTF_TOKEN_STACK_TRACES !== '1') disableTokenStackTraces();
if (!synthesizeEnvironments(environments, { emulator: emulatorFromEnvironment(process.env) })) process.exit(1);
