/**
 * AWS SDK clients against the emulator, acting in a given account: with IAM enforced, the
 * credentials of an administrator in that account (`EmulatedOrganization.adminIn`); without, the
 * emulator's test keys assuming the account's deploy role, which the emulator honours.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { RAMClient } from '@aws-sdk/client-ram';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';

export interface AccountClients {
  readonly ec2: EC2Client;
  readonly route53: Route53Client;
  readonly ram: RAMClient;
  readonly lattice: VPCLatticeClient;
}

const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export class EmulatorAws {
  private readonly cache = new Map<string, Promise<AccountClients>>();

  /** `access`: the role name to assume with the test keys, or where credentials in an account come from. */
  constructor(
    private readonly endpoint: string,
    private readonly access: string | ((accountId: string) => Promise<Creds>),
  ) {}

  /** Clients acting in `accountId` and `region`. */
  clients(accountId: string, region: string): Promise<AccountClients> {
    const key = `${accountId}/${region}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.assume(accountId, region);
      this.cache.set(key, found);
    }
    return found;
  }

  /** The VPC Lattice client of an account and region. */
  async lattice(accountId: string, region: string): Promise<VPCLatticeClient> {
    return (await this.clients(accountId, region)).lattice;
  }

  /** The state bucket's client with the test keys, in the emulator's default account like the S3 backend without IAM enforcement. */
  s3(region: string): S3Client {
    return new S3Client({ endpoint: this.endpoint, region, credentials: TEST_CREDENTIALS, forcePathStyle: true });
  }

  /** An S3 client acting in `accountId`. */
  async s3In(accountId: string, region: string): Promise<S3Client> {
    return new S3Client({ ...(await this.config(accountId, region)), forcePathStyle: true });
  }

  /** Client settings acting in `accountId` and `region`, for any other SDK client. */
  async config(
    accountId: string,
    region: string,
  ): Promise<{ endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } }> {
    const clients = await this.clients(accountId, region);
    return { endpoint: this.endpoint, region, credentials: await clients.ec2.config.credentials() };
  }

  private async assume(accountId: string, region: string): Promise<AccountClients> {
    const credentials =
      typeof this.access === 'string' ? await this.assumeWithTestKeys(accountId, region, this.access) : await this.access(accountId);
    const common = { endpoint: this.endpoint, region, credentials };
    return {
      ec2: new EC2Client(common),
      route53: new Route53Client({ ...common, region: 'us-east-1' }),
      ram: new RAMClient(common),
      lattice: new VPCLatticeClient(common),
    };
  }

  private async assumeWithTestKeys(accountId: string, region: string, roleName: string): Promise<Creds> {
    const sts = new STSClient({ endpoint: this.endpoint, region, credentials: TEST_CREDENTIALS });
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: 'e2e-assertions' }),
    );
    return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
  }
}
