import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** The files a bulletin downloads as (a TypeScript enum for type-graphql; the same values as BULLETIN_FORMATS). */
export enum BulletinFileFormat {
  XLSX = 'XLSX',
  DOCX = 'DOCX',
}

registerEnumType(BulletinFileFormat, {
  name: 'BulletinFileFormat',
  description: 'The file a bulletin downloads as.',
  valuesConfig: {
    XLSX: { description: 'Excel workbook: a sheet per section, every lagging project (Excel / WPS 表格).' },
    DOCX: {
      description:
        'Word document laid out as an official document (GB/T 9704): the sections with their tables, the 50 lagging projects ' +
        'furthest behind (Word / WPS 文字).',
    },
  },
});

@ObjectType({
  description:
    'A short-lived link to a file (a browser cannot add a bearer token to a link): signed for the viewer who asked, the ' +
    'bulletin and the format. Whoever opens it gets the file as that viewer would read it, until `expiresAt`.',
})
export class DownloadLink {
  @Field({
    description:
      'Path of the file on this server (e.g. `/exports/bulletin/…`): open it relative to the API’s origin. Refused after ' +
      '`expiresAt` (HTTP 401, `UNAUTHENTICATED`, reason `LINK_EXPIRED`) or when altered (`LINK_INVALID`).',
  })
  url!: string;

  @Field({ description: 'When the link stops working: 5 minutes after it was made, or when the viewer’s token expires if sooner.' })
  expiresAt!: Date;

  @Field({ description: 'The file’s name, e.g. 德州市重点项目2026年11月通报.xlsx (also sent as its Content-Disposition).' })
  fileName!: string;
}
