/**
 * VPC Reachability Analyzer for a sample of consumer flows (`npm run verify --reachability-analyzer`):
 *
 * - consumer → its hub's centralized endpoint: from the consumer's TGW attachment (with a source
 *   address in the consumer's CIDR) to one hub interface endpoint, TCP 443: the TGW route table
 *   the attachment is associated with, the route to the hub, the endpoint's security group;
 * - consumer → a published service: from the consumer's interface endpoint to the endpoint
 *   service in the owner account, on the service's first port.
 *
 * Paths and analyses are created in one account (`--ra-account`, default the network account),
 * which must be the organization's management account or Reachability Analyzer's delegated
 * administrator for resources of other accounts (named by ARN; AdditionalAccounts lists them).
 * Paths are deleted afterwards. Each analysis is charged by AWS (per analysis run).
 */
import {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeNetworkInsightsAnalysesCommand,
  EC2Client,
  StartNetworkInsightsAnalysisCommand,
  type CreateNetworkInsightsPathCommandInput,
  type Explanation,
  type NetworkInsightsAnalysis,
} from '@aws-sdk/client-ec2';
import { consumedServices, servicePorts, stackIds } from '../../config/topology';
import type { EnvironmentConfig } from '../../config/types';
import { parseCidr, formatIp } from '../../net/cidr';
import type { ClientFactory } from '../aws';
import type { LiveState } from './reader';

export interface FlowSample {
  readonly label: string;
  readonly region: string;
  readonly sourceArn: string;
  readonly destinationArn: string;
  readonly port: number;
  readonly sourceIp?: string;
  /** Accounts the path crosses. */
  readonly accounts: readonly string[];
}

export interface Verdict {
  readonly sample: FlowSample;
  readonly status: string;
  readonly pathFound?: boolean;
  /** Why not, from the analysis' explanations. */
  readonly explanations: readonly string[];
  readonly error?: string;
}

const ec2Arn = (region: string, account: string, type: string, id: string) => `arn:aws:ec2:${region}:${account}:${type}/${id}`;

/** A host address inside a CIDR (its tenth address), as the source of a TGW-attachment path. */
export function hostIn(cidr: string): string | undefined {
  const parsed = parseCidr(cidr);
  return parsed ? formatIp((parsed.network + 10) >>> 0) : undefined;
}

/** Up to `count` flows per kind, consumers in configuration order, from what the live read found. */
export function sampleFlows(env: EnvironmentConfig, live: LiveState, count: number): FlowSample[] {
  const out: FlowSample[] = [];
  const attachments = (stack: string) =>
    live.json
      .idsOf('aws_ec2_transit_gateway_vpc_attachment')
      .filter((a) => a.stack === stack)
      .map((a) => a.id);
  let hubFlows = 0;
  let serviceFlows = 0;
  for (const c of env.consumers) {
    const stack = stackIds.consumer(env, c);
    const hubStack = stackIds.network(env, c.region);
    const hubEndpoint = live.endpoints.find((e) => e.stack === hubStack && e.region === c.region);
    const attachment = attachments(stack)[0];
    if (hubFlows < count && hubEndpoint && attachment) {
      out.push({
        label: `consumer ${c.name} → centralized endpoint ${hubEndpoint.id} (${c.region} hub)`,
        region: c.region,
        sourceArn: ec2Arn(c.region, c.accountId, 'transit-gateway-attachment', attachment),
        destinationArn: ec2Arn(c.region, hubEndpoint.account, 'vpc-endpoint', hubEndpoint.id),
        port: 443,
        sourceIp: hostIn(c.cidr),
        accounts: [...new Set([c.accountId, env.network.accountId])],
      });
      hubFlows++;
    }
    for (const svc of consumedServices(env, c)) {
      if (serviceFlows >= count || svc.config.kind !== 'published') continue;
      const serviceStack = stackIds.service(env, { name: svc.name, config: svc.config });
      const service = live.json.idsOf('aws_vpc_endpoint_service').find((x) => x.stack === serviceStack)?.id;
      const endpoint = live.endpoints.find((e) => e.stack === stack && service !== undefined && live.endpointService.get(e.id) === service);
      if (!endpoint || !service || svc.config.region !== c.region) continue;
      out.push({
        label: `consumer ${c.name} → service ${svc.name} (${service})`,
        region: c.region,
        sourceArn: ec2Arn(c.region, c.accountId, 'vpc-endpoint', endpoint.id),
        destinationArn: ec2Arn(svc.config.region, svc.config.accountId, 'vpc-endpoint-service', service),
        port: servicePorts(svc.config)[0]?.from ?? 443,
        accounts: [...new Set([c.accountId, svc.config.accountId])],
      });
      serviceFlows++;
    }
  }
  return out;
}

/** The CreateNetworkInsightsPath request of a sample. */
export function pathRequest(env: EnvironmentConfig, sample: FlowSample): CreateNetworkInsightsPathCommandInput {
  return {
    Source: sample.sourceArn,
    Destination: sample.destinationArn,
    Protocol: 'tcp',
    DestinationPort: sample.port,
    ...(sample.sourceIp && { SourceIp: sample.sourceIp }),
    TagSpecifications: [
      {
        ResourceType: 'network-insights-path',
        Tags: [
          { Key: 'environment', Value: env.name },
          { Key: 'created-by', Value: 'privatelink-verify' },
          { Key: 'Name', Value: sample.label.slice(0, 255) },
        ],
      },
    ],
  };
}

/** The accounts other than the caller's that the path crosses (StartNetworkInsightsAnalysis AdditionalAccounts). */
export function additionalAccounts(sample: FlowSample, caller: string): string[] {
  return sample.accounts.filter((a) => a !== caller);
}

function explain(e: Explanation): string {
  const named = (c: { Id?: string; Arn?: string } | undefined) => c?.Id ?? c?.Arn;
  const where = [named(e.Component), named(e.TransitGatewayRouteTable), named(e.RouteTable), named(e.SecurityGroup), named(e.Vpc)]
    .filter(Boolean)
    .join(', ');
  return `${e.ExplanationCode ?? 'unknown'}${where ? ` (${where})` : ''}`;
}

/** What an analysis says. */
export function verdictOf(sample: FlowSample, analysis: NetworkInsightsAnalysis | undefined): Verdict {
  if (!analysis) return { sample, status: 'missing', explanations: [], error: 'the analysis was not found' };
  return {
    sample,
    status: analysis.Status ?? 'unknown',
    pathFound: analysis.NetworkPathFound,
    explanations: (analysis.Explanations ?? []).map(explain),
    ...(analysis.StatusMessage && analysis.Status === 'failed' && { error: analysis.StatusMessage }),
  };
}

export interface RunOptions {
  readonly clients: ClientFactory;
  /** The account the paths are created in. */
  readonly account: string;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  /** Keep the paths and analyses (default: deleted once read). */
  readonly keep?: boolean;
}

/** Runs the samples' analyses and reads their verdicts. */
export async function runReachability(env: EnvironmentConfig, samples: readonly FlowSample[], o: RunOptions): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const sample of samples) {
    const ec2 = o.clients(EC2Client, o.account, sample.region);
    let pathId: string | undefined;
    let analysisId: string | undefined;
    try {
      pathId = (await ec2.send(new CreateNetworkInsightsPathCommand(pathRequest(env, sample)))).NetworkInsightsPath?.NetworkInsightsPathId;
      const extra = additionalAccounts(sample, o.account);
      analysisId = (
        await ec2.send(
          new StartNetworkInsightsAnalysisCommand({
            NetworkInsightsPathId: pathId,
            ...(extra.length > 0 && { AdditionalAccounts: extra }),
          }),
        )
      ).NetworkInsightsAnalysis?.NetworkInsightsAnalysisId;
      const deadline = Date.now() + (o.timeoutMs ?? 300_000);
      let analysis: NetworkInsightsAnalysis | undefined;
      do {
        await new Promise((r) => setTimeout(r, o.pollMs ?? 5000));
        analysis = (await ec2.send(new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: [analysisId!] })))
          .NetworkInsightsAnalyses?.[0];
      } while (analysis?.Status === 'running' && Date.now() < deadline);
      verdicts.push(verdictOf(sample, analysis));
    } catch (e) {
      verdicts.push({ sample, status: 'error', explanations: [], error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (!o.keep) {
        if (analysisId)
          await ec2.send(new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: analysisId })).catch(() => undefined);
        if (pathId) await ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: pathId })).catch(() => undefined);
      }
    }
  }
  return verdicts;
}

export function formatVerdicts(verdicts: readonly Verdict[]): string {
  return `${[
    'Reachability Analyzer:',
    ...verdicts.map((v) => {
      const result = v.error
        ? `error: ${v.error}`
        : v.pathFound
          ? 'reachable'
          : v.status === 'succeeded'
            ? `NOT reachable: ${v.explanations.join('; ') || 'no explanation'}`
            : v.status;
      return `  ${v.sample.label}: ${result}`;
    }),
  ].join('\n')}\n`;
}
