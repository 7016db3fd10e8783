/**
 * Chart.js options, built by pure functions so the rules are tested (tests/unit/chart-options.test.ts):
 *   - the value axis starts at zero (a 61,67 € balance must not look like nothing);
 *   - counts get whole-number ticks (no "0,5 visite");
 *   - one measure per chart: every series shares the first one's format, no second axis.
 * And the data rules the tabs apply before drawing: no chart under three points (a plain list
 * says it better), and a monthly range that starts at the customer's first event.
 */
import { type ChartSeries, type ChartValueFormat, formatChartValue } from './format';

/** Under this many points or categories, a chart is replaced by a plain list. */
export const MIN_CHART_POINTS = 3;

export interface ValueAxis {
  beginAtZero: true;
  min?: number;
  suggestedMax?: number;
  ticks: { precision?: number; stepSize?: number; callback: (value: string | number) => string };
}

/** The value axis of a chart: from zero (or below it for negative values), whole ticks for counts. */
export function valueAxis(format: ChartValueFormat, values: readonly number[]): ValueAxis {
  const finite = values.filter(Number.isFinite);
  const lowest = Math.min(0, ...finite);
  const highest = Math.max(0, ...finite);
  const axis: ValueAxis = {
    beginAtZero: true,
    ticks: { callback: (v) => formatChartValue(Number(v), format) },
  };
  if (lowest >= 0) axis.min = 0;
  if (format === 'number') {
    axis.ticks.precision = 0;
    // Small counts: one tick per unit, and some headroom above a lone bar.
    if (highest <= 10) {
      axis.ticks.stepSize = 1;
      axis.suggestedMax = Math.max(1, highest);
    }
  }
  return axis;
}

/** Keeps the series that share the first one's unit: one measure per chart. */
export function oneMeasure(series: readonly ChartSeries[]): ChartSeries[] {
  const format = series[0]?.format ?? 'number';
  return series.filter((s) => (s.format ?? 'number') === format);
}

export function barOptions({ series, horizontal }: { series: readonly ChartSeries[]; horizontal?: boolean }) {
  const shown = oneMeasure(series);
  const format = shown[0]?.format ?? 'number';
  const value = valueAxis(
    format,
    shown.flatMap((s) => s.data),
  );
  const valueKey = horizontal ? 'x' : 'y';
  const categoryKey = horizontal ? 'y' : 'x';
  return {
    indexAxis: (horizontal ? 'y' : 'x') as 'x' | 'y',
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: { legend: { display: shown.length > 1 } },
    scales: {
      [valueKey]: value,
      [categoryKey]: { ticks: { autoSkip: true, maxTicksLimit: horizontal ? undefined : 12 } },
    },
  };
}

export function lineOptions({ series, format }: { series: readonly ChartSeries[]; format: ChartValueFormat }) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    interaction: { mode: 'index' as const, intersect: false },
    plugins: { legend: { display: series.length > 1 } },
    scales: {
      x: { ticks: { maxTicksLimit: 8, autoSkip: true } },
      y: valueAxis(
        format,
        series.flatMap((s) => s.data),
      ),
    },
  };
}

/**
 * Drops the leading points before the first one with a value, so a customer who came once in
 * the last 24 months does not get 23 empty months: `[0, 0, 5, 0, 3]` → from index 2.
 */
export function fromFirstEvent<T>(points: readonly T[], hasValue: (point: T) => boolean): T[] {
  const first = points.findIndex(hasValue);
  return first === -1 ? [] : points.slice(first);
}

/** Whether there is enough to draw: otherwise the tab shows a plain list. */
export function worthAChart(points: readonly unknown[]): boolean {
  return points.length >= MIN_CHART_POINTS;
}
