'use client';

/**
 * Charts loaded on demand (next/dynamic, ssr: false): chart.js stays out of the page's first-load
 * JS and is fetched after hydration; a grey block of the same height holds the place meanwhile.
 */
import dynamic from 'next/dynamic';
import type { BarChartProps } from './bar-chart';
import type { LineChartProps } from './line-chart';

function Placeholder({ height = 260 }: { height?: number }) {
  return <div aria-hidden="true" style={{ height }} className="w-full animate-pulse rounded-md bg-slate-100" />;
}

const LineLazy = dynamic(() => import('./line-chart'), { ssr: false, loading: () => <Placeholder /> });
const BarLazy = dynamic(() => import('./bar-chart'), { ssr: false, loading: () => <Placeholder /> });

export function LazyLineChart(props: LineChartProps) {
  return <LineLazy {...props} />;
}

export function LazyBarChart(props: BarChartProps) {
  return <BarLazy {...props} />;
}
