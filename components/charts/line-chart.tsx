'use client';

import {
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Line } from 'react-chartjs-2';
import { type ChartSeries, type ChartValueFormat, formatChartValue } from './format';
import { lineOptions } from './options';

// Registered here, per chart type, so only what this chart uses is bundled.
ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

export interface LineChartProps {
  labels: string[];
  series: ChartSeries[];
  format?: ChartValueFormat;
  /** Step line (a balance holds its value until the next event). */
  stepped?: boolean;
  ariaLabel: string;
  height?: number;
}

export default function LineChart({
  labels,
  series,
  format = 'number',
  stepped,
  ariaLabel,
  height = 260,
}: LineChartProps) {
  const options = lineOptions({ series, format });
  return (
    <div style={{ height }} className="relative w-full">
      <Line
        aria-label={ariaLabel}
        role="img"
        data={{
          labels,
          datasets: series.map((s) => ({
            label: s.label,
            data: s.data,
            borderColor: s.color,
            backgroundColor: `${s.color}22`,
            fill: true,
            stepped: stepped ? ('before' as const) : false,
            pointRadius: labels.length > 60 ? 0 : 2,
            tension: 0,
          })),
        }}
        options={{
          ...options,
          plugins: {
            ...options.plugins,
            tooltip: {
              callbacks: {
                label: (ctx) => `${ctx.dataset.label}\u202f: ${formatChartValue(Number(ctx.parsed.y), format)}`,
              },
            },
          },
        }}
      />
    </div>
  );
}
