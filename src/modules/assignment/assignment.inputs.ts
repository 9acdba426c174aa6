import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { AssignmentKind } from './assignment.enums';

@InputType({ description: 'Assigns someone to a project (包抓).' })
export class AssignLeaderInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field({
    description:
      "The assignee's Keycloak user id (包抓人用户 ID): the `sub` of their access tokens, a UUID such as " +
      '`7d3c1a52-0b1e-4c51-9a41-100000000004` (Keycloak admin console: Users → the user → ID). Their rights on the ' +
      'project follow it, so anything else is BAD_USER_INPUT; it is stored in lower case.',
  })
  subject!: string;

  @Field({
    description:
      'Name shown to people (包抓领导或责任单位名称), e.g. 刘洋 or 德城区住房和城乡建设局, at most 100 characters. Not looked up in Keycloak: ' +
      'stored and returned as given (trimmed).',
  })
  name!: string;

  @Field(() => AssignmentKind, { description: 'As what the assignee acts.' })
  kind!: AssignmentKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the assignment takes effect; today when omitted.' })
  startedOn?: string | null;
}
