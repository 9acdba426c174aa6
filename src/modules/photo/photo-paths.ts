/** Where photos are uploaded: POST the image's bytes with the bearer token (site-photo-upload.route.ts). */
export const PHOTO_UPLOAD_PATH = '/photos';

/** Where a photo's signed links point: `<path>/<token>` (site-photo-file.route.ts). */
export const PHOTO_FILE_PATH = '/photos/file';
