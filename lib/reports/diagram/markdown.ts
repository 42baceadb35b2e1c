/** The docs page of a diagram and the README block that embeds it. */
import type { EnvironmentConfig } from '../../config/types';
import { renderMermaid } from './mermaid';

/** The markdown page for `docs/<env>-topology.md`: a heading, the legend and the Mermaid block. */
export function renderMarkdown(env: EnvironmentConfig, mermaid: string = renderMermaid(env)): string {
  return [
    `# ${env.name} topology`,
    '',
    `Generated from the \`${env.name}\` environment by \`npm run diagram -- --env ${env.name}\`; do not edit by hand.`,
    "Each catalog service sits in its owner's account (a vendor's, for an external service) under a title with its kind;",
    'each consumer has one endpoint per consumed service. Arrows into a service: solid for same-region PrivateLink,',
    'dotted for cross-region PrivateLink, thick for a resource endpoint. Spoke edges into a Transit Gateway name the',
    'segment whose route table the attachment is associated with.',
    '',
    '```mermaid',
    mermaid.trimEnd(),
    '```',
    '',
  ].join('\n');
}

export const diagramMarkers = (envName: string): { readonly start: string; readonly end: string } => ({
  start: `<!-- diagram:${envName}:start -->`,
  end: `<!-- diagram:${envName}:end -->`,
});

/** Whether a README carries the markers of an environment's diagram. */
export function hasDiagramMarkers(readme: string, envName: string): boolean {
  const { start, end } = diagramMarkers(envName);
  return readme.includes(start) || readme.includes(end);
}

/**
 * Replaces what lies between `<!-- diagram:<env>:start -->` and `<!-- diagram:<env>:end -->`
 * with a Mermaid block. A README without the markers comes back unchanged; markers that are
 * unpaired, out of order or repeated throw, naming what to fix.
 */
export function embedDiagram(readme: string, envName: string, mermaid: string): string {
  const { start, end } = diagramMarkers(envName);
  const count = (s: string): number => readme.split(s).length - 1;
  const starts = count(start);
  const ends = count(end);
  if (starts === 0 && ends === 0) return readme;
  if (starts !== 1 || ends !== 1) {
    throw new Error(`README must contain exactly one '${start}' and one '${end}' (found ${starts} and ${ends})`);
  }
  const from = readme.indexOf(start) + start.length;
  const to = readme.indexOf(end);
  if (to < from) throw new Error(`'${end}' comes before '${start}' in README; swap them`);
  return `${readme.slice(0, from)}\n\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n${readme.slice(to)}`;
}
