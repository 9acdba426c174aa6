import { graphql } from '../gql';

/**
 * 月通报 downloads: a link signed for the signed-in leader (a browser cannot send the bearer token
 * with a link), opened at once: the file comes as an attachment, the page stays.
 */
export const BulletinDownloadQuery = graphql(`
  query BulletinDownload($tenantCode: String!, $period: Period!, $format: BulletinFileFormat!) {
    bulletinDownload(tenantCode: $tenantCode, period: $period, format: $format) {
      url
      fileName
      expiresAt
    }
  }
`);
