/**
 * Static connectivity check: from the synthesized Terraform JSON of an environment's stacks,
 * which flows are possible, printed as a matrix, and which design invariants they break.
 * Nothing is deployed or called; the model reads only the configuration.
 *
 * - `config-index.ts`: reading the JSON, resolving references across stacks;
 * - `network-model.ts`: VPC and Transit Gateway routing, internet egress, what opens connections;
 * - `security-groups.ts`, `ports.ts`: which ports a security group admits from a VPC;
 * - `services.ts`: how a VPC reaches a catalog service (published, external, resource);
 * - `matrix.ts`: rows, columns and cells; `invariants.ts`: the violations; `format.ts`: the text.
 *
 * On-premises networks (`network.onPremises`) are rows and columns too: they reach what their VPN
 * or Direct Connect attachment's TGW table routes (see `network-model.ts`); a hub's zones reach a
 * spoke directly or through its Route 53 Profile (the `zones k/n` of the endpoint cells).
 *
 * Not modelled: NACLs, security groups of workloads, DNS resolution of catalog services, the
 * vendor's side of external services, what on-premises networks announce beyond their ranges.
 */
export { analyzeConnectivity, type Cell, type ConnectivityReport } from './matrix';
export { formatMatrix } from './format';
export { synthesizeStacks } from './synthesize';
export type { StackJson } from './json';
export type { Reach } from './network-model';
export type { PortRange } from './ports';
