import { graphql } from '../gql';

/** A monthly report's site photos (形象进度照片), with fresh links for the thumbnails and the full images. */
export const ReportPhotosQuery = graphql(`
  query ReportPhotos($id: ID!) {
    progressReport(id: $id) {
      id
      photos {
        id
        caption
        takenAt
        takenPlace
        isTakenBeforePeriod
        takenBeforePeriodReason
        thumbnailUrl
        imageUrl
        uploadedByName
      }
    }
  }
`);

export const AttachSitePhotoMutation = graphql(`
  mutation AttachSitePhoto($input: AttachSitePhotoInput!) {
    attachSitePhoto(input: $input) {
      id
    }
  }
`);
