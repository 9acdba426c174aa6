import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A value of an enum of this API with what people read for it (枚举值的中文标签), e.g. `ProjectStage` `UNDER_CONSTRUCTION` ' +
    'is 在建. Clients show `label` wherever they show the value; the values themselves never change with the language.',
})
export class EnumLabel {
  @Field({ description: "The enum's name, e.g. `ProjectStage`." })
  enum!: string;

  @Field({ description: 'The value as the API writes it, e.g. `UNDER_CONSTRUCTION`.' })
  value!: string;

  @Field({ description: 'The Chinese label (中文标签), e.g. 在建.' })
  label!: string;

  @Field({ description: 'The English label, e.g. Under construction.' })
  labelEn!: string;
}
