/** prod end to end on the emulator with IAM enforced (test/e2e/environment-suite.ts). */
import { prod } from '../../environments/prod';
import { describeEndToEnd } from './environment-suite';

describeEndToEnd(prod);
