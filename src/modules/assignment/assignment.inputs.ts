import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { AssignmentKind } from './assignment.enums';

@InputType({ description: 'Assigns someone to a project (包抓).' })
export class AssignLeaderInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field({ description: "The assignee's Keycloak subject (`sub`): their rights on the project follow it." })
  subject!: string;

  @Field({ description: 'Name shown to people, e.g. 刘洋 or 德城区住房和城乡建设局.' })
  name!: string;

  @Field(() => AssignmentKind, { description: 'As what the assignee acts.' })
  kind!: AssignmentKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the assignment takes effect; today when omitted.' })
  startedOn?: string | null;
}
