/**
 * The cdktf app: validate every environment, then build its stacks. Nothing is written
 * to cdktf.out when any environment is invalid.
 */
import { App } from 'cdktf';
import { environments } from './environments';
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
app.synth();
