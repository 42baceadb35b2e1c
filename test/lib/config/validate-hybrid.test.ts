/**
 * Validation of the DNS modes (`network.dns`, `network.hubs[r].dns`) and of on-premises networks
 * (`network.onPremises`): each problem with its path and the message that says how to fix it.
 */
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment, type ConfigProblem } from '../../../lib/config/validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep clone the mutation may change freely, wrong types included
type Draft = any;

function variant(base: EnvironmentConfig, mutate: (env: Draft) => void): EnvironmentConfig {
  const env = structuredClone(base) as Draft;
  mutate(env);
  return env as EnvironmentConfig;
}

const lines = (problems: readonly ConfigProblem[]): string[] =>
  problems.map((p) => `${p.severity === 'warning' ? 'warning: ' : ''}${p.path}: ${p.message}`);
const check = (mutate: (env: Draft) => void): string[] => lines(validateEnvironment(variant(prod, mutate)));
const DC = 'network.onPremises["datacenter"]';

describe('DNS modes', () => {
  test.each(['zone-associations', 'zone-associations+profiles', 'profiles'])('%s is valid, for the network and for one hub', (mode) => {
    expect(check((e) => (e.network.dns = mode))).toEqual([]);
    expect(check((e) => (e.network.hubs['eu-west-1'].dns = mode))).toEqual([]);
  });

  test('an unknown mode names the three and the way between them', () => {
    expect(
      check((e) => {
        e.network.dns = 'profile';
        e.network.hubs['us-east-1'].dns = 3;
      }),
    ).toEqual([
      "network.dns: 'profile' is not a DNS mode; use 'zone-associations', 'zone-associations+profiles' or 'profiles' (switch from one to the other through 'zone-associations+profiles')",
      "network.hubs[\"us-east-1\"].dns: 3 is not a DNS mode; use 'zone-associations', 'zone-associations+profiles' or 'profiles' (switch from one to the other through 'zone-associations+profiles')",
    ]);
  });

  test("'onprem' is reserved like 'shared-services': it names the hub's route table of on-premises attachments", () => {
    expect(check((e) => (e.segments.onprem = { cidrs: ['10.40.0.0/16'] }))).toEqual([
      "segments[\"onprem\"]: 'onprem' is reserved for a route table of the hub ('shared-services', 'onprem'); choose another segment name",
    ]);
  });
});

describe('on-premises networks', () => {
  test('the shipped datacenter, a static VPN, a Direct Connect gateway and a network reaching nothing are valid', () => {
    expect(check(() => undefined)).toEqual([]);
    expect(
      check((e) => {
        e.network.onPremises.office = {
          region: 'eu-west-1',
          cidrs: ['192.168.10.0/24'],
          vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 4200000001, staticRoutesOnly: true },
        };
        e.network.onPremises.colo = {
          region: 'us-east-1',
          cidrs: ['192.168.64.0/18'],
          reach: { segments: ['prod'] },
          directConnect: { gatewayId: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d', allowedPrefixes: ['10.0.0.0/21', '10.16.0.0/15'] },
        };
        e.network.hubs['us-east-1'].asn = 64520;
      }),
    ).toEqual([]);
  });

  test('name, region, ranges and exactly one connection', () => {
    expect(
      check((e) => {
        e.network.onPremises = {
          'Data Center': { region: 'ap-south-1', cidrs: ['172.20.0.0/33'], vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 65010 } },
          branch: { region: 'us-east-1', cidrs: [], typo: 1 },
          both: {
            region: 'us-east-1',
            cidrs: ['192.168.1.0/24'],
            vpn: { customerGatewayIp: '198.51.100.8', bgpAsn: 65011 },
            directConnect: { gatewayId: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d', allowedPrefixes: ['10.0.0.0/21'] },
          },
        };
      }),
    ).toEqual([
      `network.onPremises["Data Center"]: 'Data Center' is not a DNS-safe on-premises network name; use 2-32 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (it names resources)`,
      `network.onPremises["Data Center"].region: 'ap-south-1' has no hub; an on-premises network connects to the hub of its region: add network.hubs["ap-south-1"] or use a hub region ('us-east-1', 'eu-west-1')`,
      `network.onPremises["Data Center"].cidrs[0]: '172.20.0.0/33' is not a valid IPv4 CIDR; use the form a.b.c.d/n, e.g. '10.20.0.0/22'`,
      'network.onPremises["branch"].typo: is not a known field; remove it (known fields: region, cidrs, vpn, directConnect, reach, forwardDomains, dnsServers)',
      `network.onPremises["branch"].cidrs: lists no range; add the network's address ranges, e.g. '172.16.0.0/16'`,
      'network.onPremises["branch"]: has neither vpn nor directConnect; give exactly one, e.g. vpn: { customerGatewayIp, bgpAsn }',
      'network.onPremises["both"]: has both vpn and directConnect; give exactly one (a second path to the same network is a second network entry)',
      `warning: network.onPremises["both"].directConnect.gatewayId: the Transit Gateway of us-east-1 has ASN 64512, a Direct Connect gateway's default: the association fails if the gateway kept it (the two ASNs must differ)`,
    ]);
  });

  test("customer gateway: a public address, an ASN that is not a Transit Gateway's nor reserved by AWS", () => {
    expect(
      check((e) => (e.network.onPremises.datacenter.vpn = { customerGatewayIp: '10.9.9.9', bgpAsn: 64512, staticRoutesOnly: 'yes' })),
    ).toEqual([
      `${DC}.vpn.customerGatewayIp: '10.9.9.9' is not a public address; AWS needs the device's static public IPv4 (the NAT device's, behind NAT); a private-IP VPN over Direct Connect is out of scope`,
      `${DC}.vpn.bgpAsn: 64512 is the ASN of the Transit Gateway of us-east-1 (AWS's default); the customer gateway's ASN must differ from every Transit Gateway's (eBGP between the two sides)`,
      `${DC}.vpn.staticRoutesOnly: must be true or false, not the string 'yes'`,
    ]);
    expect(check((e) => (e.network.onPremises.datacenter.vpn = { customerGatewayIp: '203.0.113.300', bgpAsn: 64513 }))).toEqual([
      `${DC}.vpn.customerGatewayIp: '203.0.113.300' is not an IPv4 address; give the customer gateway's public address, e.g. '203.0.113.10'`,
      `${DC}.vpn.bgpAsn: 64513 is the ASN of the Transit Gateway of eu-west-1; the customer gateway's ASN must differ from every Transit Gateway's (eBGP between the two sides)`,
    ]);
    expect(check((e) => (e.network.onPremises.datacenter.vpn.bgpAsn = 7224))).toEqual([
      `${DC}.vpn.bgpAsn: 7224 is reserved by AWS; use another ASN`,
    ]);
    expect(
      check((e) => {
        e.network.onPremises.datacenter.region = 'eu-west-1';
        e.network.onPremises.datacenter.vpn.bgpAsn = 9059;
        delete e.network.onPremises.datacenter.reach;
        delete e.network.onPremises.datacenter.forwardDomains;
        delete e.network.onPremises.datacenter.dnsServers;
      }),
    ).toEqual([`${DC}.vpn.bgpAsn: 9059 is reserved by AWS in eu-west-1; use another ASN`]);
    expect(check((e) => (e.network.onPremises.datacenter.vpn.bgpAsn = 0))).toEqual([
      `${DC}.vpn.bgpAsn: 0 is not a BGP ASN; use 1-4294967294 (a private one: 64512-65534 or 4200000000-4294967294)`,
    ]);
  });

  test('Direct Connect: a gateway id, at most 200 prefixes, only the hub and the reached segments, the hub covered', () => {
    const dx =
      (allowedPrefixes: unknown, gatewayId = '5f294f92-bafb-4011-916d-9b0b6e0a1c2d') =>
      (e: Draft) => {
        e.network.onPremises.datacenter = {
          region: 'us-east-1',
          cidrs: ['172.16.0.0/16'],
          reach: { segments: ['prod'] },
          directConnect: { gatewayId, allowedPrefixes },
        };
      };
    expect(check(dx(['10.0.0.0/21', '10.18.0.0/16', '10.16.0.0/16'], 'dxgw-1'))).toEqual(
      [
        `${DC}.directConnect.gatewayId: 'dxgw-1' is not a Direct Connect gateway id; use the gateway's UUID (directconnect describe-direct-connect-gateways), in the network account (cross-account association proposals are out of scope)`,
        `${DC}.directConnect.allowedPrefixes[1]: '10.18.0.0/16' is outside what the network may reach (the hub CIDR '10.0.0.0/21', segment 'prod' '10.16.0.0/15'); AWS advertises allowed prefixes to on-premises as they are, so list only the hub CIDR and ranges of reach.segments`,
        `${DC}.directConnect.gatewayId: the Transit Gateway of us-east-1 has ASN 64512, a Direct Connect gateway's default: the association fails if the gateway kept it (the two ASNs must differ)`,
      ].map((l, i) => (i === 2 ? `warning: ${l}` : l)),
    );
    expect(check(dx(['10.16.0.0/15']))).toEqual([
      `${DC}.directConnect.allowedPrefixes: does not cover the hub CIDR '10.0.0.0/21'; on-premises learns only these prefixes, so without it it reaches neither the hub's endpoints nor its resolver: add '10.0.0.0/21'`,
      `warning: ${DC}.directConnect.gatewayId: the Transit Gateway of us-east-1 has ASN 64512, a Direct Connect gateway's default: the association fails if the gateway kept it (the two ASNs must differ)`,
    ]);
    expect(check(dx(['10.0.0.0/21']))[0]).toBe(
      `warning: ${DC}.directConnect.allowedPrefixes: advertises nothing of segment 'prod' ('10.16.0.0/15'), which reach.segments lists: on-premises cannot reach those spokes; add '10.16.0.0/15' (or their own ranges)`,
    );
    const many = Array.from({ length: 201 }, (_, i) => `10.0.${Math.floor(i / 32)}.${(i % 32) * 8}/29`);
    expect(check(dx(many))[0]).toBe(
      `${DC}.directConnect.allowedPrefixes: lists 201 prefixes; a transit virtual interface carries at most 200 from AWS per Transit Gateway (not adjustable): summarize them`,
    );
  });

  test('ranges outside every VPC, segment range and other on-premises network', () => {
    expect(
      check((e) => {
        e.network.onPremises.datacenter.cidrs = ['172.16.0.0/16', '10.1.0.0/24', '10.19.4.0/22'];
        e.network.onPremises.datacenter.dnsServers = ['172.16.0.10'];
        e.network.onPremises.office = {
          region: 'us-east-1',
          cidrs: ['172.16.128.0/17'],
          vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 65020 },
          reach: { segments: ['prod'] },
        };
      }),
    ).toEqual([
      `${DC}.cidrs[1]: '10.1.0.0/24' overlaps services["payments"].cidr '10.1.0.0/21'; on-premises ranges must be outside every VPC of the environment (the TGW routes each prefix one way)`,
      `${DC}.cidrs[2]: '10.19.4.0/22' overlaps segments["nonprod"] range '10.18.0.0/15'; on-premises ranges must be outside the segments' ranges (the endpoints admit segments by them)`,
      `network.onPremises["office"].cidrs[0]: '172.16.128.0/17' overlaps ${DC}.cidrs[0] '172.16.0.0/16'; give each on-premises network its own ranges`,
    ]);
  });

  test('reach: known segments; the networks of one hub share its onprem table, so they reach the same segments', () => {
    expect(
      check((e) => {
        e.network.onPremises.datacenter.reach.segments = ['prod', 'qa', 'prod'];
        e.network.onPremises.office = {
          region: 'us-east-1',
          cidrs: ['192.168.10.0/24'],
          vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 65020 },
          reach: { segments: ['nonprod'] },
        };
      }),
    ).toEqual([
      `${DC}.reach.segments[1]: 'qa' is not a segment; use one of 'prod', 'nonprod' (the keys of segments)`,
      `${DC}.reach.segments[2]: 'prod' is listed twice (also segments[0]); list each segment once`,
      `network.onPremises["office"].reach: reaches 'nonprod', but ${DC} (also in us-east-1) reaches 'prod'; the on-premises networks of one hub share its 'onprem' route table, so give them the same reach.segments`,
    ]);
  });

  test('forwarding: DNS names, servers inside the network, and spokes to use them', () => {
    expect(
      check((e) => {
        e.network.onPremises.datacenter.forwardDomains = ['corp.example.com', 'Corp_Example', 'corp.example.com'];
        e.network.onPremises.datacenter.dnsServers = ['172.16.0.10', '192.168.1.1', 'ns1'];
      }),
    ).toEqual([
      `${DC}.forwardDomains[1]: 'Corp_Example' is not a DNS domain name; use lowercase labels such as 'corp.example.com'`,
      `${DC}.forwardDomains[2]: 'corp.example.com' is listed twice (also forwardDomains[0]); list each domain once`,
      `${DC}.dnsServers[1]: '192.168.1.1' is outside the network's cidrs ('172.16.0.0/16'); the outbound endpoint reaches on-premises DNS servers through this network only`,
      `${DC}.dnsServers[2]: 'ns1' is not an IPv4 address; give the on-premises DNS servers' addresses`,
    ]);
    expect(
      check((e) => {
        delete e.network.onPremises.datacenter.dnsServers;
        delete e.network.onPremises.datacenter.reach;
      }),
    ).toEqual([
      `${DC}.dnsServers: is required with forwardDomains; give the on-premises DNS servers that answer 'corp.example.com', inside the network's cidrs`,
      `${DC}.forwardDomains: is set, but reach.segments is empty: no spoke reaches the network, so none could use the answers; add segments to reach.segments or remove forwardDomains`,
    ]);
    expect(check((e) => delete e.network.onPremises.datacenter.forwardDomains)).toEqual([
      `warning: ${DC}.dnsServers: is set without forwardDomains: nothing forwards to these servers`,
    ]);
  });
});
