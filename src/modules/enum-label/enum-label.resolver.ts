import { GraphQLEnumType, type GraphQLResolveInfo } from 'graphql';
import { Arg, Info, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../errors/app-error';
import { ENUM_LABELS, type LabelledEnum } from './enum-labels';
import { EnumLabel } from './enum-label.types';

const isLabelled = (name: string): name is LabelledEnum => Object.hasOwn(ENUM_LABELS, name);

/** The schema's own enums (not introspection's), in the order of the schema. */
function apiEnums(info: GraphQLResolveInfo): GraphQLEnumType[] {
  return Object.values(info.schema.getTypeMap()).filter(
    (t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'),
  );
}

@Resolver()
export class EnumLabelResolver {
  @Query(() => [EnumLabel], {
    description:
      'The labels of every value of an enum, in the order of its values, or of every enum when `enum` is omitted: ' +
      'a dashboard reads them once and shows 在建 where the API says `UNDER_CONSTRUCTION`. BAD_USER_INPUT for a name that is no enum of the API.',
  })
  enumLabels(
    @Arg('enum', () => String, { nullable: true, description: "An enum's name, e.g. `ProjectStage`; every enum when omitted." })
    name: string | null | undefined,
    @Info() info: GraphQLResolveInfo,
  ): EnumLabel[] {
    const enums = apiEnums(info).filter((type) => name === undefined || name === null || type.name === name);
    if (enums.length === 0) {
      throw badUserInput('enum', {
        zh: `"${name}" 不是本系统的枚举类型：请使用 schema 中的枚举名，例如 ProjectStage`,
        en: `"${name}" is not an enum of this API: use an enum name from the schema, e.g. ProjectStage`,
      });
    }
    return enums.flatMap((type) => {
      const labels: Readonly<Record<string, { zh: string; en: string }>> | undefined = isLabelled(type.name)
        ? ENUM_LABELS[type.name]
        : undefined;
      return type.getValues().map((value) => {
        // Every value has a label (tests/modules/enum-label.test.ts); the value itself if one slipped through.
        const label = labels?.[value.name] ?? { zh: value.name, en: value.name };
        return Object.assign(new EnumLabel(), { enum: type.name, value: value.name, label: label.zh, labelEn: label.en });
      });
    });
  }
}
