/** dev end to end on the emulator with IAM enforced (test/e2e/environment-suite.ts). */
import { dev } from '../../environments/dev';
import { stackIds } from '../../lib/config/topology';
import { describeEndToEnd } from './environment-suite';

// The Transit Gateway of the network account: its create call is the one the run takes away first.
describeEndToEnd(dev, {
  denied: { accountId: dev.network.accountId, stack: stackIds.network(dev, 'us-east-1'), action: 'ec2:CreateTransitGateway' },
});
