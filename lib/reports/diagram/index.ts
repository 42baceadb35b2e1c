/**
 * The topology diagram of an environment (Mermaid), its docs page and README block, and
 * `npm run diagram`.
 *
 * - mermaid.ts: the flowchart
 * - markdown.ts: docs/<env>-topology.md and the README block between markers
 * - cli.ts: `npm run diagram` as a function of argv, the environments and file access
 */
export * from './mermaid';
export * from './markdown';
export * from './cli';
