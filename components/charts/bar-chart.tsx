'use client';

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { type ChartSeries, formatChartValue } from './format';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export interface BarChartProps {
  labels: string[];
  /** Up to two series; the second one gets its own right-hand axis when its format differs. */
  series: ChartSeries[];
  horizontal?: boolean;
  ariaLabel: string;
  height?: number;
}

export default function BarChart({ labels, series, horizontal, ariaLabel, height = 260 }: BarChartProps) {
  const dualAxis = series.length > 1 && series[1].format !== series[0].format;
  const valueAxis = horizontal ? 'x' : 'y';
  return (
    <div style={{ height }} className="relative w-full">
      <Bar
        aria-label={ariaLabel}
        role="img"
        data={{
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.data,
            backgroundColor: s.color,
            borderRadius: 3,
            ...(dualAxis ? { [`${valueAxis}AxisID`]: i === 0 ? valueAxis : `${valueAxis}2` } : {}),
          })),
        }}
        options={{
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: series.length > 1 },
            tooltip: {
              callbacks: {
                label: (ctx) => {
                  const s = series[ctx.datasetIndex];
                  const v = horizontal ? ctx.parsed.x : ctx.parsed.y;
                  return `${s.label} : ${formatChartValue(Number(v), s.format ?? 'number')}`;
                },
              },
            },
          },
          scales: {
            [valueAxis]: {
              beginAtZero: true,
              ticks: { callback: (v: string | number) => formatChartValue(Number(v), series[0].format ?? 'number') },
            },
            ...(dualAxis
              ? {
                  [`${valueAxis}2`]: {
                    position: horizontal ? 'top' : 'right',
                    beginAtZero: true,
                    grid: { drawOnChartArea: false },
                    ticks: {
                      callback: (v: string | number) => formatChartValue(Number(v), series[1].format ?? 'number'),
                    },
                  },
                }
              : {}),
          },
        }}
      />
    </div>
  );
}
