import exifr from 'exifr';
import sharp from 'sharp';

/** What the bytes really are, as sharp's decoder reads them: the name and the Content-Type say nothing. */
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'] as const;

/** Long side of the stored image: a phone's 8000-px photo is more than a dashboard or a bulletin shows. */
const STORED_LONG_SIDE = 2560;
/** Box of the thumbnail a list shows. */
export const THUMBNAIL_SIDE = 320;
/** Pixels an upload may decode to: a small file that inflates to gigapixels (a decompression bomb) is refused. */
const MAX_INPUT_PIXELS = 80_000_000;

/** Why the bytes are not a site photo this server keeps. */
export type ImageProblem = 'NOT_AN_IMAGE' | 'UNSUPPORTED_IMAGE_TYPE';

/** A site photo ready to store: the image and thumbnail with no metadata left, and what the camera said, kept apart. */
export interface PreparedPhoto {
  readonly image: Buffer;
  readonly thumbnail: Buffer;
  readonly width: number;
  readonly height: number;
  /** The format the upload was in (one of ACCEPTED_FORMATS). */
  readonly sourceFormat: string;
  readonly takenAt: Date | undefined;
  readonly latitude: number | undefined;
  readonly longitude: number | undefined;
}

/**
 * Reads an upload and prepares what is stored: the format sniffed from the bytes (sharp decodes
 * them), the capture time (EXIF DateTimeOriginal) and place (GPS) read before anything is
 * stripped, then the image turned upright by its EXIF orientation and re-encoded as JPEG without
 * any metadata (no camera, owner, serial numbers, GPS or thumbnails: sharp keeps none unless told
 * to), with a thumbnail beside it. Returns the problem instead when the bytes are no image it keeps.
 */
export async function preparePhoto(bytes: Buffer): Promise<PreparedPhoto | ImageProblem> {
  let format: string | undefined;
  try {
    format = (await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    return 'NOT_AN_IMAGE';
  }
  if (!format || !(ACCEPTED_FORMATS as readonly string[]).includes(format)) return 'UNSUPPORTED_IMAGE_TYPE';
  const camera = await cameraFacts(bytes);
  try {
    const { data: image, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: STORED_LONG_SIDE, height: STORED_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    // From the stored image, already upright and at most 2560 px: the original is decoded once, not twice.
    const thumbnail = await sharp(image)
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { image, thumbnail, width: info.width, height: info.height, sourceFormat: format, ...camera };
  } catch {
    // The header read, the pixels did not: a truncated or corrupt file.
    return 'NOT_AN_IMAGE';
  }
}

/** EXIF time as a camera writes it: local time with no zone, `YYYY:MM:DD HH:MM:SS`. */
const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** An EXIF OffsetTime: `+08:00`. */
const EXIF_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * When and where the camera says the photo was taken. A camera's clock has no zone unless it
 * writes OffsetTimeOriginal; the sites are in China, so a bare time is China time (UTC+8), not the
 * server's. Nonsense (no date, 0000:00:00, a place off the globe) is left out rather than refused:
 * the photo is still evidence, only without that fact.
 */
async function cameraFacts(bytes: Buffer): Promise<Pick<PreparedPhoto, 'takenAt' | 'latitude' | 'longitude'>> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(bytes, {
      reviveValues: false,
      gps: true,
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
    })) as Record<string, unknown> | undefined;
  } catch {
    tags = undefined;
  }
  const time = typeof tags?.['DateTimeOriginal'] === 'string' ? EXIF_TIME.exec(tags['DateTimeOriginal'].trim()) : null;
  const offset = typeof tags?.['OffsetTimeOriginal'] === 'string' ? tags['OffsetTimeOriginal'].trim() : '';
  let takenAt: Date | undefined;
  if (time) {
    const [, y, mo, d, h, mi, s] = time;
    const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${EXIF_OFFSET.test(offset) ? offset : '+08:00'}`);
    takenAt = Number.isNaN(at.getTime()) || Number(y) < 1990 ? undefined : at;
  }
  const latitude = tags?.['latitude'];
  const longitude = tags?.['longitude'];
  const onGlobe =
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  return {
    takenAt,
    latitude: onGlobe ? round6(latitude) : undefined,
    longitude: onGlobe ? round6(longitude) : undefined,
  };
}

/** Six decimals: about 0.1 m, the column's precision. */
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
