import { siteSceneJpeg } from '../../../src/demo/demo-site-scene';

/** Where the test photos say they were taken: a site in 德城区 (37.4512°N, 116.3021°E). */
export const SITE_PLACE = { latitude: 37.4512, longitude: 116.3021 };

/**
 * A 640×480 site photo as a phone sends it: the demo's scene with a camera's EXIF (make, model,
 * owner, GPS, and the capture time when given), which the server must strip but for time and place.
 */
export function sitePhotoJpeg(options: { takenAt?: string; orientation?: number }): Promise<Buffer> {
  return siteSceneJpeg({
    stage: 0.6,
    seed: 7,
    width: 640,
    height: 480,
    takenAt: options.takenAt,
    orientation: options.orientation,
    place: options.takenAt ? SITE_PLACE : undefined,
    camera: { make: 'Canon', model: 'EOS R5', owner: 'Zhang San' },
  });
}
