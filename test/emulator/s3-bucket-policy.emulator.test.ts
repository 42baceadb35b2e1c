/**
 * S3 bucket policies (test/emulator/moto_ext/s3.py): the state bucket's TLS-only statement (Deny
 * when `aws:SecureTransport` is false) does not deny requests to the emulator, which stands for
 * AWS's HTTPS endpoints; a Deny without a condition still denies.
 */
import { CreateBucketCommand, HeadObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator, TEST_CREDENTIALS, type Emulator } from './harness';

jest.setTimeout(60_000);

let emu: Emulator;
let s3: S3Client;
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const tlsOnly = (bucket: string) => ({
  Sid: 'DenyWithoutTls',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

beforeAll(async () => {
  emu = await startEmulator();
  s3 = new S3Client({ endpoint: emu.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, forcePathStyle: true });
});
afterAll(async () => {
  await emu?.stop();
});

test('a TLS-only bucket: a missing object is 404, writes and reads work', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'tls-only' }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-only', Policy: policy([tlsOnly('tls-only')]) }));
  await expect(s3.send(new HeadObjectCommand({ Bucket: 'tls-only', Key: 'dev/x.tfstate' }))).rejects.toMatchObject({ name: 'NotFound' });
  await s3.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'dev/x.tfstate', Body: '{}' }));
  expect((await s3.send(new HeadObjectCommand({ Bucket: 'tls-only', Key: 'dev/x.tfstate' }))).ContentLength).toBe(2);
});

test('a Deny without a condition denies (whoever the caller: statement principals are not evaluated)', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'no-writes' }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'no-writes',
      Policy: policy([{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::no-writes/*' }]),
    }),
  );
  await expect(s3.send(new PutObjectCommand({ Bucket: 'no-writes', Key: 'k', Body: 'x' }))).rejects.toMatchObject({
    $metadata: { httpStatusCode: 403 },
  });
});
