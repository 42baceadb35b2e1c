/** Policy documents shared by several constructs. */

/**
 * The default endpoint policy: any action, but only by principals of the organization
 * (aws:PrincipalOrgID), so credentials from outside the organization cannot use the
 * endpoint as a path out. Teams narrow it per endpoint set.
 */
export function organizationEndpointPolicy(organizationId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'OrganizationPrincipalsOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
    }],
  });
}
