import { inject, onBeforeUnmount, onMounted, watch, type InjectionKey, type Ref } from 'vue';
import { use, init, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws (bars and lines, grid, legend, tooltip): echarts/core keeps the rest of ECharts out of the bundle.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Provided as true by the 大屏: its charts draw in ECharts' dark theme, light text on the projector's dark page. */
export const DARK_CHARTS: InjectionKey<boolean> = Symbol('dark-charts');

/**
 * An ECharts instance on `host`, drawn from `option()` once the page has painted and again whenever
 * what it reads changes, resized with the window, disposed with the component. Drawing waits for
 * the frame after the one that shows the figures: a leader reads those first, and four charts
 * drawn in the same task held them back by a few hundred ms on a slow desktop (bench:dashboard).
 * Canvas text does not take the page's CSS, so the font (and on the 大屏 the colours) are set here.
 */
export function useChart(host: Ref<HTMLElement | undefined>, option: () => EChartsCoreOption): void {
  const dark = inject(DARK_CHARTS, false);
  let chart: ECharts | undefined;
  let gone = false;
  const draw = () =>
    chart?.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { fontFamily: 'Noto Sans SC, sans-serif', ...(dark ? { fontSize: 16 } : {}) },
        ...option(),
      },
      { notMerge: true },
    );
  const resize = () => chart?.resize();
  onMounted(() => {
    // requestAnimationFrame runs before the next paint; the timeout from it, after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (gone || !host.value) return;
        chart = init(host.value, dark ? 'dark' : undefined, { renderer: 'canvas' });
        draw();
      }),
    );
    window.addEventListener('resize', resize);
  });
  watch(option, draw);
  onBeforeUnmount(() => {
    gone = true;
    window.removeEventListener('resize', resize);
    chart?.dispose();
  });
}
