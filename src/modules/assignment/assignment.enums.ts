import { registerEnumType } from 'type-graphql';

/** As what someone is assigned to a project (包抓责任). */
export enum AssignmentKind {
  LEAD_LEADER = 'LEAD_LEADER',
  DEPUTY_LEADER = 'DEPUTY_LEADER',
  RESPONSIBLE_UNIT = 'RESPONSIBLE_UNIT',
  CONTACT = 'CONTACT',
}

registerEnumType(AssignmentKind, {
  name: 'AssignmentKind',
  description: 'Role of an assignee on a project (包抓责任分工).',
  valuesConfig: {
    LEAD_LEADER: { description: 'Lead leader (包抓领导 / 牵头领导).' },
    DEPUTY_LEADER: { description: 'Deputy leader (分包领导 / 配合领导).' },
    RESPONSIBLE_UNIT: { description: 'Responsible unit (责任单位 / 牵头单位), assigned through its account.' },
    CONTACT: { description: "Contact person who keeps the project's reports (联络员)." },
  },
});
