'use client';

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { type ChartSeries, formatChartValue } from './format';
import { barOptions, oneMeasure } from './options';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export interface BarChartProps {
  labels: string[];
  /** Series of one measure (same format): a second unit gets its own chart, not a second axis. */
  series: ChartSeries[];
  horizontal?: boolean;
  ariaLabel: string;
  height?: number;
}

export default function BarChart({ labels, series, horizontal, ariaLabel, height = 260 }: BarChartProps) {
  const shown = oneMeasure(series);
  const options = barOptions({ series: shown, horizontal });
  return (
    <div style={{ height }} className="relative w-full">
      <Bar
        aria-label={ariaLabel}
        role="img"
        data={{
          labels,
          datasets: shown.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderRadius: 3 })),
        }}
        options={{
          ...options,
          plugins: {
            ...options.plugins,
            tooltip: {
              callbacks: {
                label: (ctx) => {
                  const s = shown[ctx.datasetIndex];
                  const v = horizontal ? ctx.parsed.x : ctx.parsed.y;
                  return `${s.label}\u202f: ${formatChartValue(Number(v), s.format ?? 'number')}`;
                },
              },
            },
          },
        }}
      />
    </div>
  );
}
