/**
 * The cdktf app: validate every environment, build its stacks, run the best-practice
 * rules, then synthesize. Nothing is written to cdktf.out when any environment is invalid
 * or any rule reports an unsuppressed error.
 */
import { App } from 'cdktf';
import { environments } from './environments';
import { formatFindings, isBlocking, runRules } from './lib/rules';
import { ConfigError, assertValid } from './lib/validate';
import { buildEnvironment } from './stacks/environment';

try {
  assertValid(environments);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const app = new App();
for (const env of environments) buildEnvironment(app, env);

// The cdktf CLI sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, so error annotations alone
// would not stop synth: check the findings here.
const findings = runRules(app);
if (findings.length > 0) process.stderr.write(formatFindings(findings));
if (findings.some(isBlocking)) process.exit(1);
app.synth();
