import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Attaches an uploaded photo (POST /photos) to a monthly report or a milestone, with a caption.' })
export class AttachSitePhotoInput {
  @Field(() => ID, { description: 'The `uploadId` POST /photos answered; an upload of someone else is NOT_FOUND.' })
  uploadId!: string;

  @Field(() => ID, { nullable: true, description: 'The monthly report (月报) it shows; give this or `milestoneId`.' })
  reportId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The milestone (节点) it shows; give this or `reportId`.' })
  milestoneId?: string | null;

  @Field(() => String, { nullable: true, description: 'Caption (照片说明), up to 200 characters, e.g. 3号楼主体施工至12层.' })
  caption?: string | null;
}
