import { siteSceneJpeg } from '../../src/demo/demo-site-scene';
import { screenshot } from './browser';
import { signedInFile } from './harness';
import { currentPeriod } from './shown';

/** 形象进度照片 on the project page in a real Chromium: a town officer adds photos to a report and sees them as leaders will. */

const desk = signedInFile('town-officer', '/projects');

/** A phone's photo of the site, taken at `takenAt` (EXIF, China time) near 德州. */
const phonePhoto = (takenAt: string) => siteSceneJpeg({ stage: 0.5, seed: 3, takenAt, place: { latitude: 37.4512, longitude: 116.3021 } });

describe('形象进度照片 (site photos on the project page)', () => {
  it('adds a photo to an open report: thumbnail, capture time and place; one taken months earlier is flagged; a click opens the image', async () => {
    const { data } = await desk.dash.api(
      'town-officer',
      `{ projects(filter: { tenantCode: "371402001" }, first: 1) { nodes { id name } } }`,
    );
    const project = data.projects.nodes[0];
    // The demo's reports are approved (locked); this month's, just filed, is open.
    const filed = await desk.dash.api(
      'town-officer',
      `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { id period } }`,
      {
        input: { projectId: project.id, period: currentPeriod(), completedInvestmentWan: '85', progressNote: '主体结构施工至8层' },
      },
    );
    const report = filed.data.reportProgress;
    const [year, month] = (report.period as string).split('-').map(Number) as [number, number];

    await desk.page.goto(`${desk.dash.origin}/projects/${project.id}`);
    await desk.page.locator('[data-test="project-name"]', { hasText: project.name }).waitFor();
    // The newest report is the first row; its photos open under it.
    await desk.page.locator('[data-test="reports"] .el-table__row').first().locator('.el-table__expand-icon').click();
    const photos = desk.page.locator(`[data-test="photos-${report.id}"]`);
    await photos.locator('text=暂无形象进度照片').waitFor();

    const send = async (jpeg: Buffer, caption: string) => {
      // The Chinese button opens the browser's file chooser (its own control is hidden).
      const [chooser] = await Promise.all([desk.page.waitForEvent('filechooser'), photos.locator('[data-test="photo-pick"]').click()]);
      await chooser.setFiles({ name: 'IMG_2026.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await photos.locator('[data-test="photo-chosen"]', { hasText: 'IMG_2026.jpg' }).waitFor();
      await photos.locator('[data-test="photo-caption"] input').fill(caption);
      await photos.locator('[data-test="photo-send"]').click();
      // The photo, or the API's refusal in its words (which fails the test with what it said).
      await photos.locator(`[data-test="photo"]:has-text("${caption}"), [data-test="photo-error"]`).first().waitFor();
      expect(await photos.locator('[data-test="photo-error"]').allInnerTexts()).toEqual([]);
      expect(await photos.locator('[data-test="photo-chosen"]').innerText()).toContain('未选择照片');
    };
    const inMonth = `${year}:${String(month).padStart(2, '0')}:12 10:30:00`;
    await send(await phonePhoto(inMonth), '主体结构施工');
    const first = photos.locator('[data-test="photo"]', { hasText: '主体结构施工' });
    expect(await first.locator('[data-test="photo-taken"]').innerText()).toContain('北纬37.4512°，东经116.3021°');
    expect(await first.locator('[data-test="photo-taken"]').innerText()).toContain(`${year}/${month}/12 10:30:00`);
    expect(await first.locator('[data-test="photo-flag"]').count()).toBe(0);
    // The thumbnail loads through its signed link, with no header: the image decoded in the page.
    const thumbnail = first.locator('img');
    await thumbnail.waitFor();
    await desk.page.waitForFunction(
      (img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0,
      await thumbnail.elementHandle(),
    );

    await send(await phonePhoto(`${year - (month <= 4 ? 1 : 0)}:${String(((month + 7) % 12) + 1).padStart(2, '0')}:01 09:00:00`), '旧照片');
    await photos
      .locator('[data-test="photo"]', { hasText: '旧照片' })
      .locator('[data-test="photo-flag"]', { hasText: '疑似非本期照片' })
      .waitFor();

    await thumbnail.click();
    const viewer = desk.page.locator('.el-image-viewer__img');
    await viewer.waitFor();
    await desk.page.waitForFunction((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 320, await viewer.elementHandle());
    await screenshot(desk.page, 'report-photos');
    await desk.page.keyboard.press('Escape');

    const { data: read } = await desk.dash.api(
      'county-leader',
      `{ progressReport(id: "${report.id}") { photos { caption isTakenBeforePeriod } } }`,
    );
    expect(read.progressReport.photos).toEqual([
      { caption: '主体结构施工', isTakenBeforePeriod: false },
      { caption: '旧照片', isTakenBeforePeriod: true },
    ]);
  });
});
