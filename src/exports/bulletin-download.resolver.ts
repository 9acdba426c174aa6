import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PeriodScalar } from '../calendar/calendar.scalars';
import type { Period } from '../calendar/period';
import type { Context } from '../context';
import { badUserInput } from '../errors/app-error';
import { BulletinService } from '../modules/bulletin/bulletin.service';
import { bulletinFileName } from './bulletin-file';
import { BulletinFileFormat, DownloadLink } from './bulletin-download.types';
import { DOWNLOAD_LINK_SECONDS, linkExpiresAt, signDownload } from './download-link';
import { signingKeyOf } from './download-link-key';
import { BULLETIN_DOWNLOAD_PATH } from './bulletin-download.route';

@Resolver()
export class BulletinDownloadResolver {
  @Query(() => DownloadLink, {
    description:
      'A link to the monthly bulletin (月通报) as a file (Excel or Word), signed for the viewer and valid 5 minutes. The file ' +
      'holds exactly what `monthlyBulletin` (or, with `publicationId`, `publishedBulletin`) answers the viewer. NOT_FOUND for ' +
      'a tenant whose subtree the viewer does not read or a publication out of reach; BAD_USER_INPUT on `period` for a month ' +
      'that has not begun, on `publicationId` for a publication of another tenant or month.',
  })
  async bulletinDownload(
    @Arg('tenantCode', { description: 'Division code of the tenant.' }) tenantCode: string,
    @Arg('period', () => PeriodScalar, { description: 'The month, e.g. 2026-11.' }) period: Period,
    @Arg('format', () => BulletinFileFormat, { description: 'Excel or Word.' }) format: BulletinFileFormat,
    @Arg('publicationId', () => ID, {
      nullable: true,
      description: 'A published version (已印发): its frozen content, the same file every time. Omitted: the live figures.',
    })
    publicationId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<DownloadLink> {
    // Read now, so a link is only ever made for a bulletin the viewer may read, and every refusal
    // comes back here, in GraphQL, where the dashboard shows it, rather than from a link.
    const service = new BulletinService(ctx);
    const bulletin = publicationId ? await service.published(publicationId) : await service.heading(tenantCode, period);
    if (publicationId && (bulletin.tenantCode !== tenantCode || !bulletin.period.equals(period))) {
      throw badUserInput('publicationId', {
        zh: `已印发版本 ${publicationId} 不是 ${tenantCode} ${period.chineseName}的通报`,
        en: `Publication ${publicationId} is not the bulletin of ${tenantCode} for ${period.toString()}`,
      });
    }
    const expiresAt = linkExpiresAt(ctx.viewer, DOWNLOAD_LINK_SECONDS);
    const token = signDownload(await signingKeyOf(ctx.em), {
      viewer: ctx.viewer,
      tenantCode,
      period: period.toString(),
      format,
      publicationId: publicationId ?? undefined,
      expiresAt,
    });
    return Object.assign(new DownloadLink(), {
      url: `${BULLETIN_DOWNLOAD_PATH}/${token}`,
      expiresAt,
      fileName: bulletinFileName(bulletin, format),
    });
  }
}
