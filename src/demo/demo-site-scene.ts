import sharp from 'sharp';

/** What a made-up site photo shows and what its camera wrote. */
export interface SiteScene {
  /** How far the building is, 0 (foundations) to 1 (topped out, cladding on). */
  readonly stage: number;
  /** Varies the sky, the building's width and where the crane stands. */
  readonly seed: number;
  readonly width?: number;
  readonly height?: number;
  /** EXIF DateTimeOriginal as a camera writes it (`YYYY:MM:DD HH:MM:SS`, local time); none when absent. */
  readonly takenAt?: string;
  /** Where it was taken (degrees, north and east positive); no GPS when absent. */
  readonly place?: { readonly latitude: number; readonly longitude: number };
  /** EXIF orientation (6: the phone was held upright, the pixels lie on their side). */
  readonly orientation?: number;
  /** What a camera adds that the server must strip: make, model, owner. */
  readonly camera?: { readonly make: string; readonly model: string; readonly owner: string };
}

/**
 * A believable construction-site photo as JPEG, drawn from an SVG (sky, ground, a building frame
 * rising floor by floor with scaffolding, a tower crane) with EXIF written through sharp's
 * withExif, so the upload pipeline meets what a phone sends. No text is drawn: fonts are not
 * guaranteed where it runs.
 */
export async function siteSceneJpeg(scene: SiteScene): Promise<Buffer> {
  const width = scene.width ?? 480;
  const height = scene.height ?? 360;
  let image = sharp(Buffer.from(sceneSvg(scene, width, height))).jpeg({ quality: 80 });
  const exif = exifOf(scene);
  if (exif) image = image.withExif(exif);
  if (scene.orientation) image = image.withMetadata({ orientation: scene.orientation });
  return image.toBuffer();
}

function sceneSvg(scene: SiteScene, width: number, height: number): string {
  const rand = seeded(scene.seed);
  const ground = Math.round(height * 0.72);
  const skyTop = ['#7fb3e6', '#a9c8e8', '#c9d6df', '#8fb8de'][scene.seed % 4]!;
  const floors = 12;
  const built = Math.max(1, Math.round(floors * Math.min(1, Math.max(0, scene.stage))));
  const floorHeight = Math.round((height * 0.5) / floors);
  const left = Math.round(width * (0.18 + rand() * 0.12));
  const right = Math.round(left + width * (0.32 + rand() * 0.12));
  const bays = 5;
  const parts: string[] = [
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/>` +
      `<stop offset="1" stop-color="#eef2f4"/></linearGradient></defs>`,
    `<rect width="${width}" height="${ground}" fill="url(#sky)"/>`,
    `<rect y="${ground}" width="${width}" height="${height - ground}" fill="#9a8466"/>`,
    `<rect y="${ground}" width="${width}" height="6" fill="#7d6a52"/>`,
  ];
  // Floors: slabs and columns; the finished lower floors get cladding once the frame is well up.
  for (let floor = 0; floor < built; floor++) {
    const y = ground - (floor + 1) * floorHeight;
    const clad = scene.stage > 0.8 && floor < built - 2;
    if (clad) parts.push(`<rect x="${left}" y="${y}" width="${right - left}" height="${floorHeight}" fill="#d8d4cc"/>`);
    parts.push(`<rect x="${left - 4}" y="${y}" width="${right - left + 8}" height="4" fill="#8c8c88"/>`);
    for (let bay = 0; bay <= bays; bay++) {
      const x = left + Math.round(((right - left) * bay) / bays);
      parts.push(`<rect x="${x - 2}" y="${y}" width="4" height="${floorHeight}" fill="#9b9b96"/>`);
      if (clad && bay < bays) {
        const w = Math.round((right - left) / bays) - 10;
        parts.push(`<rect x="${x + 5}" y="${y + 6}" width="${w}" height="${floorHeight - 12}" fill="#6f8ca3"/>`);
      }
    }
  }
  // Scaffolding up the side that is still being built.
  const top = ground - built * floorHeight;
  for (let x = right + 6; x < right + 30; x += 8)
    parts.push(`<rect x="${x}" y="${top - 8}" width="2" height="${ground - top + 8}" fill="#b5651d"/>`);
  for (let y = top; y < ground; y += 10) parts.push(`<rect x="${right + 4}" y="${y}" width="28" height="2" fill="#b5651d"/>`);
  // The tower crane: mast, jib, counter-jib, cable and load.
  const mast = Math.round(Math.min(width - 40, right + 60 + rand() * 40));
  const jibY = Math.round(ground - height * 0.62);
  parts.push(`<rect x="${mast - 5}" y="${jibY}" width="10" height="${ground - jibY}" fill="#e0a800"/>`);
  for (let y = jibY + 10; y < ground; y += 14) {
    parts.push(`<line x1="${mast - 5}" y1="${y}" x2="${mast + 5}" y2="${y + 14}" stroke="#a87e00" stroke-width="1.5"/>`);
  }
  const jibStart = Math.round(width * 0.08);
  parts.push(`<rect x="${jibStart}" y="${jibY - 6}" width="${mast + 40 - jibStart}" height="6" fill="#e0a800"/>`);
  parts.push(`<rect x="${mast + 14}" y="${jibY}" width="24" height="12" fill="#555"/>`);
  const hook = Math.round(left + (right - left) * rand());
  parts.push(`<line x1="${hook}" y1="${jibY}" x2="${hook}" y2="${top - 20}" stroke="#333" stroke-width="1"/>`);
  parts.push(`<rect x="${hook - 12}" y="${top - 20}" width="24" height="8" fill="#777"/>`);
  // Site fence and a few stacks of material.
  parts.push(`<rect y="${ground + 14}" width="${width}" height="12" fill="#2f7d4f"/>`);
  for (let i = 0; i < 3; i++) {
    const x = Math.round(rand() * (width - 60));
    parts.push(`<rect x="${x}" y="${ground + 30 + i * 6}" width="50" height="10" fill="#6d6d6d"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** EXIF as sharp's withExif takes it: IFD0 (camera), IFD2 (Exif: time), IFD3 (GPS, degrees/minutes/seconds as rationals). */
function exifOf(scene: SiteScene): Record<string, Record<string, string>> | undefined {
  const exif: Record<string, Record<string, string>> = {};
  if (scene.camera) exif['IFD0'] = { Make: scene.camera.make, Model: scene.camera.model, Artist: scene.camera.owner };
  if (scene.takenAt) exif['IFD2'] = { DateTimeOriginal: scene.takenAt };
  if (scene.place) {
    exif['IFD3'] = {
      GPSLatitudeRef: scene.place.latitude >= 0 ? 'N' : 'S',
      GPSLatitude: rationalDegrees(scene.place.latitude),
      GPSLongitudeRef: scene.place.longitude >= 0 ? 'E' : 'W',
      GPSLongitude: rationalDegrees(scene.place.longitude),
    };
  }
  return Object.keys(exif).length > 0 ? exif : undefined;
}

/** 37.4512 → `37/1 27/1 432/100` (degrees, minutes, seconds to the hundredth). */
function rationalDegrees(value: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const hundredths = Math.round(((abs - degrees) * 60 - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${hundredths}/100`;
}

/** A small deterministic generator (mulberry32): the same seed draws the same site. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
