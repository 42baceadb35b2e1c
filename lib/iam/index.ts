/**
 * Least-privilege deploy roles: the IAM actions the AWS provider calls per Terraform type
 * (`actions.ts`), where they apply (`scopes.ts`), the per-account policies generated from the
 * synthesized stacks (`policy.ts`), the roles' trust (`trust.ts`), the permissions boundary of the roles the stacks create (`boundary.ts`) and the bootstrap settings with
 * their defaults (`settings.ts`).
 */
export * from './actions';
export * from './boundary';
export * from './document';
export * from './policy';
export * from './scopes';
export * from './settings';
export * from './trust';
