import { registerEnumType } from 'type-graphql';

/**
 * Which of a project's two tenants places it in a subtree: the owner, who registers it and answers
 * for it, or the location (属地), where it is built (the owner itself unless a location below it is
 * given). Figures and lists follow the owner unless told otherwise.
 */
export enum TenantBasis {
  OWNER = 'OWNER',
  LOCATION = 'LOCATION',
}

registerEnumType(TenantBasis, {
  name: 'TenantBasis',
  description: "Which of a project's tenants places it under a tenant: its owner (按隶属) or where it is built (按属地).",
  valuesConfig: {
    OWNER: { description: 'By owner (按隶属): projects owned by the tenant or a tenant beneath it. The default.' },
    LOCATION: {
      description:
        'By location (按属地): projects built in the tenant or beneath it, whoever owns them (a city project built in a town counts ' +
        "in the town's county and town); a project without a location is built where it is owned.",
    },
  },
});
