/**
 * Route 53 Profiles for `npm run verify`: the npm registry this project uses has no
 * `@aws-sdk/client-route53profiles`, so the two read operations verify needs are called as the
 * SDK would, REST-JSON signed with SigV4 (`@smithy/signature-v4`), behind a client with the SDK's
 * `send(command)` surface so the {@link ClientFactory} (and its fakes) make it like any other.
 *
 * - ListProfileAssociations: `GET /profileassociations?resourceId=<vpc>`: the Profiles a VPC uses;
 * - ListProfileResourceAssociations: `GET /profileresourceassociations/profileid/<id>`: what a
 *   Profile holds (private hosted zones, Resolver rules, ...).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ClientConfig, SendClient } from '../aws';
import type { ProfileReader } from './reader';
import type { Place } from './live-json';
import type { ClientFactory } from '../aws';

export class ListProfileAssociationsCommand {
  constructor(readonly input: { readonly ResourceId?: string; readonly ProfileId?: string; readonly NextToken?: string }) {}
}

export class ListProfileResourceAssociationsCommand {
  constructor(readonly input: { readonly ProfileId: string; readonly NextToken?: string }) {}
}

export interface ProfileAssociation {
  readonly Id?: string;
  readonly ProfileId?: string;
  readonly ResourceId?: string;
  readonly Status?: string;
}

export interface ProfileResourceAssociation {
  readonly Id?: string;
  readonly ProfileId?: string;
  readonly ResourceArn?: string;
  readonly ResourceType?: string;
  readonly Status?: string;
}

type Command = ListProfileAssociationsCommand | ListProfileResourceAssociationsCommand;

/** The HTTP request of a command: method, path and query. */
export function requestOf(command: Command): { path: string; query: Record<string, string> } {
  if (command instanceof ListProfileAssociationsCommand) {
    const q: Record<string, string> = {};
    if (command.input.ResourceId) q.resourceId = command.input.ResourceId;
    if (command.input.ProfileId) q.profileId = command.input.ProfileId;
    if (command.input.NextToken) q.nextToken = command.input.NextToken;
    return { path: '/profileassociations', query: q };
  }
  return {
    path: `/profileresourceassociations/profileid/${encodeURIComponent(command.input.ProfileId)}`,
    query: command.input.NextToken ? { nextToken: command.input.NextToken } : {},
  };
}

export class Route53ProfilesClient implements SendClient {
  constructor(private readonly config: ClientConfig) {}

  async send(command: Command): Promise<unknown> {
    const { region } = this.config;
    const endpoint = new URL(this.config.endpoint ?? `https://route53profiles.${region}.amazonaws.com`);
    const { path, query } = requestOf(command);
    const credentials = this.config.credentials ? await this.config.credentials() : undefined;
    if (!credentials) throw new Error('Route 53 Profiles: no credentials');
    const signer = new SignatureV4({ service: 'route53profiles', region, credentials, sha256: Sha256 });
    const request = await signer.sign({
      method: 'GET',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path,
      query,
      headers: { host: endpoint.host, 'content-type': 'application/json' },
    });
    const qs = new URLSearchParams(query).toString();
    const res = await fetch(`${endpoint.origin}${path}${qs ? `?${qs}` : ''}`, {
      method: 'GET',
      headers: request.headers as Record<string, string>,
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) {
      const name = (res.headers.get('x-amzn-errortype') ?? String(body.__type ?? 'Route53ProfilesError')).split(':')[0];
      throw Object.assign(new Error(String(body.Message ?? body.message ?? text)), { name });
    }
    return body;
  }

  destroy(): void {
    /* nothing held */
  }
}

/** Profile associations and resources through the client factory. */
export function profileReader(clients: ClientFactory): ProfileReader {
  return {
    async associations(place: Place, vpcIds: readonly string[]) {
      const client = clients(Route53ProfilesClient, place.account, place.region);
      const out: { profileId: string; vpcId: string; id: string }[] = [];
      for (const vpc of vpcIds) {
        let token: string | undefined;
        do {
          const page = (await client.send(new ListProfileAssociationsCommand({ ResourceId: vpc, NextToken: token }))) as {
            ProfileAssociations?: ProfileAssociation[];
            NextToken?: string;
          };
          for (const a of page.ProfileAssociations ?? []) {
            if (a.Id && a.ProfileId && a.ResourceId && !/DELET/i.test(a.Status ?? ''))
              out.push({ id: a.Id, profileId: a.ProfileId, vpcId: a.ResourceId });
          }
          token = page.NextToken || undefined;
        } while (token);
      }
      return out;
    },
    async resources(place, profileId) {
      const client = clients(Route53ProfilesClient, place.account, place.region);
      const out: { resourceArn: string; id: string }[] = [];
      let token: string | undefined;
      do {
        const page = (await client.send(new ListProfileResourceAssociationsCommand({ ProfileId: profileId, NextToken: token }))) as {
          ProfileResourceAssociations?: ProfileResourceAssociation[];
          NextToken?: string;
        };
        for (const r of page.ProfileResourceAssociations ?? [])
          if (r.Id && r.ResourceArn && !/DELET/i.test(r.Status ?? '')) out.push({ id: r.Id, resourceArn: r.ResourceArn });
        token = page.NextToken || undefined;
      } while (token);
      return out;
    },
  };
}
