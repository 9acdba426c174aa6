import type { EChartsCoreOption } from 'echarts/core';
import { chartAmounts, formatWan } from '../format/money';

/** One bar pair: its axis label, the two amounts (万元, exact strings) and what the tooltip adds in brackets. */
export interface BarPair {
  readonly name: string;
  readonly planned: string;
  readonly done: string;
  readonly note: string;
}

/**
 * Bars in pairs along a category axis, a plan (grey) against what was done (red), in 万元 or 亿元 by
 * size; the tooltip gives the exact amounts and the row's note (分类别投资, 资金来源).
 */
export function pairedBarsOption(pairs: readonly BarPair[], series: readonly [string, string]): EChartsCoreOption {
  const { unit, values } = chartAmounts([...pairs.map((p) => p.planned), ...pairs.map((p) => p.done)]);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: { seriesIndex: number; dataIndex: number; seriesName: string; marker: string; axisValueLabel: string }[]) => {
        const pair = pairs[items[0]?.dataIndex ?? -1];
        return [
          `${items[0]?.axisValueLabel ?? ''}（${pair?.note ?? ''}）`,
          ...items.map((i) => `${i.marker}${i.seriesName}：${pair ? formatWan(i.seriesIndex === 0 ? pair.planned : pair.done) : '—'}`),
        ].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: 64, right: 16, bottom: 56, top: 48 },
    xAxis: { type: 'category', data: pairs.map((p) => p.name), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', name: unit },
    series: [
      { name: series[0], type: 'bar', data: values.slice(0, pairs.length), itemStyle: { color: '#8a8f98' } },
      { name: series[1], type: 'bar', data: values.slice(pairs.length), itemStyle: { color: '#a4161a' } },
    ],
  };
}
