/** The cost report as a terminal table or as GitHub markdown (tables by lib/cli/table.ts). */
import { type Align, formatMarkdownTable, formatTable } from '../../cli/table';
import { formatUsd, microsToUsd, sumMicros } from './money';
import type { CostReport } from './model';

function formatQuantity(q: number): string {
  const [whole, frac] = String(q).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

function formatUnitPrice(p: number): string {
  return `$${p.toFixed(Math.max(2, (String(p).split('.')[1] ?? '').length))}`;
}

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly align: readonly Align[];
}

function lineItemTable(report: CostReport): Table {
  const rows: string[][] = [];
  for (const stack of report.stacks) {
    for (const i of stack.lineItems) {
      rows.push([stack.stack, i.item, formatQuantity(i.quantity), i.unit, formatUnitPrice(i.unitPriceUsd), formatUsd(i.monthlyUsd)]);
    }
    rows.push([stack.stack, 'subtotal', '', '', '', formatUsd(stack.totalUsd)]);
  }
  rows.push(['', `TOTAL ${report.environment} per month`, '', '', '', formatUsd(report.totalUsd)]);
  return {
    header: ['Stack', 'Item', 'Quantity', 'Unit', 'Unit price', 'Monthly USD'],
    rows,
    align: ['left', 'left', 'right', 'left', 'right', 'right'],
  };
}

function chargebackTable(report: CostReport): Table {
  const c = report.chargeback;
  const rows = c.services.map((s) => [
    s.service,
    s.kind,
    s.owner,
    s.region,
    s.ownerStack === undefined ? 'vendor bills' : formatUsd(s.ownerUsd),
    formatUsd(s.consumerUsd),
    formatUsd(s.totalUsd),
    s.consumers.map((x) => `${x.consumer} ${formatUsd(x.usd)}`).join(', ') || 'none',
  ]);
  const total = microsToUsd(sumMicros(c.services, (s) => s.totalMicroUsd));
  rows.push(['all services', '', '', '', '', '', formatUsd(total), '']);
  rows.push([
    'not charged back (shared)',
    '',
    '',
    '',
    '',
    '',
    formatUsd(c.unattributedUsd),
    'hubs, peering, spoke attachments, TGW processing, spoke flow logs',
  ]);
  return {
    header: ['Service', 'Kind', 'Owner', 'Region', 'Owner side', 'Consumer endpoints', 'Total per month', 'By consumer'],
    rows,
    align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
  };
}

function centralizationTable(report: CostReport): Table {
  const c = report.centralization;
  const rows = c.regions.map((r) => [
    r.region,
    `${formatQuantity(r.centralizedEndpointAzHours)} AZ-h + ${r.centralizedHostedZones} zones = ${formatUsd(r.centralizedUsd)}`,
    `${formatQuantity(r.decentralizedEndpointAzHours)} AZ-h + ${r.decentralizedHostedZones} zones = ${formatUsd(r.decentralizedUsd)}`,
    formatUsd(r.savingsUsd),
  ]);
  rows.push(['all hubs', formatUsd(c.centralizedUsd), formatUsd(c.decentralizedUsd), formatUsd(c.savingsUsd)]);
  return {
    header: ['Hub', 'Centralized (once per hub)', 'In every spoke', 'Saved per month'],
    rows,
    align: ['left', 'right', 'right', 'right'],
  };
}

function dnsModesTable(report: CostReport): Table {
  const d = report.dnsModes;
  const rows = d.regions.map((r) => [
    r.region,
    r.mode,
    String(r.spokes),
    `${formatQuantity(r.zoneAssociations)} associations, busiest zone ${r.mostVpcsPerZone}/300 VPCs (${r.zoneAssociationsHeadroom} spokes to go) = ${formatUsd(r.zoneAssociationsUsd)}`,
    `${formatQuantity(r.profileAssociations)} profile-VPC associations = ${formatUsd(r.profilesUsd)}`,
  ]);
  rows.push(['all hubs', '', '', formatUsd(d.zoneAssociationsUsd), formatUsd(d.profilesUsd)]);
  return {
    header: ['Hub', 'Mode now', 'Spokes', 'zone-associations (per month)', 'profiles (per month)'],
    rows,
    align: ['left', 'left', 'right', 'right', 'right'],
  };
}

const cheaperFrom = (report: CostReport): string =>
  report.dnsModes.profilesCheaperFromConsumers === null ? 'never' : `${report.dnsModes.profilesCheaperFromConsumers} consumers`;

const text = (t: Table): string => formatTable(t.header, t.rows, { align: t.align });
const markdown = (t: Table): string => formatMarkdownTable(t.header, t.rows, { align: t.align });

/** The report as aligned plain-text tables for a terminal. */
export function renderCostTable(report: CostReport): string {
  return [
    `Estimated monthly cost of ${report.environment} (USD, prices as of ${report.pricesAsOf}, ${report.hoursPerMonth} h/month)`,
    '',
    text(lineItemTable(report)),
    '',
    "Per service: what each service costs its owner plus its consumers' endpoints to it (chargeback):",
    '',
    text(chargebackTable(report)),
    '',
    `Centralized AWS service endpoints vs. the same endpoints in every spoke (${report.centralization.basis}):`,
    '',
    text(centralizationTable(report)),
    '',
    `DNS of the hubs' names: zone associations vs. Route 53 Profiles (${report.dnsModes.basis}):`,
    '',
    text(dnsModesTable(report)),
    `Profiles become cheaper from: ${cheaperFrom(report)}. ${report.dnsModes.note}`,
    '',
    'Assumptions:',
    ...report.assumptions.map((a) => `  - ${a}`),
    ...(report.warnings.length ? ['', 'Warnings:', ...report.warnings.map((w) => `  - ${w}`)] : []),
    '',
  ].join('\n');
}

/** The report as GitHub-flavoured markdown. */
export function renderCostMarkdown(report: CostReport): string {
  return [
    `## Estimated monthly cost: ${report.environment}`,
    '',
    `USD per month, prices as of ${report.pricesAsOf}, ${report.hoursPerMonth} hours per month. **Total: $${formatUsd(report.totalUsd)}**`,
    '',
    markdown(lineItemTable(report)),
    '',
    '### Per service (chargeback)',
    '',
    "What each service costs its owner plus its consumers' endpoints to it.",
    '',
    markdown(chargebackTable(report)),
    '',
    '### Centralized endpoints vs. endpoints in every spoke',
    '',
    `Basis: ${report.centralization.basis}.`,
    '',
    markdown(centralizationTable(report)),
    '',
    '### DNS modes: zone associations vs. Route 53 Profiles',
    '',
    `Basis: ${report.dnsModes.basis}.`,
    '',
    markdown(dnsModesTable(report)),
    '',
    `Profiles become cheaper from: ${cheaperFrom(report)}. ${report.dnsModes.note}`,
    '',
    '### Assumptions',
    '',
    ...report.assumptions.map((a) => `- ${a}`),
    ...(report.warnings.length ? ['', '### Warnings', '', ...report.warnings.map((w) => `- ${w}`)] : []),
    '',
  ].join('\n');
}
