/**
 * Name resolution of the catalog services, live: each consumer's private zone for a service it
 * consumes (`consumerZoneOf`: published services without a private DNS name, shared resources,
 * external services with `dns`) exists in the consumer's account, is associated with its VPC, and
 * each of its records is an alias to an endpoint of that VPC.
 */
import { consumedServices, consumerZoneOf, stackIds } from '../../config/topology';
import type { EnvironmentConfig } from '../../config/types';
import type { LiveState } from './reader';

export function checkDns(env: EnvironmentConfig, live: LiveState): string[] {
  const out: string[] = [];
  for (const c of env.consumers) {
    const stack = stackIds.consumer(env, c);
    const endpoints = live.endpoints.filter((e) => e.stack === stack);
    const vpcs = new Set(endpoints.flatMap((e) => e.vpcId ?? []));
    const targets = new Set(endpoints.flatMap((e) => live.endpointDns.get(e.id) ?? []));
    for (const svc of consumedServices(env, c)) {
      const zoneName = consumerZoneOf(env, svc);
      if (zoneName === undefined) continue;
      const zones = live.zones.filter((z) => z.account === c.accountId && z.name === zoneName && z.stack === stack);
      if (zones.length === 0) {
        out.push(`consumer ${c.name}: no private zone ${zoneName} for service ${svc.name} in account ${c.accountId}`);
        continue;
      }
      for (const zone of zones) {
        if (vpcs.size > 0 && !zone.vpcIds.some((v) => vpcs.has(v)))
          out.push(`consumer ${c.name}: zone ${zoneName} (${zone.id}) is not associated with the consumer's VPC`);
        const records = live.records.filter((r) => r.zoneId === zone.id && (r.type === 'A' || r.type === 'AAAA'));
        if (records.length === 0) out.push(`consumer ${c.name}: zone ${zoneName} (${zone.id}) has no A record for service ${svc.name}`);
        for (const r of records) {
          if (!r.aliasTarget) out.push(`consumer ${c.name}: ${r.name} (${r.type}) in ${zone.id} is not an alias to the endpoint`);
          else if (!targets.has(r.aliasTarget))
            out.push(`consumer ${c.name}: ${r.name} aliases ${r.aliasTarget}, which is no endpoint of the consumer's VPC`);
        }
      }
    }
  }
  return out;
}
