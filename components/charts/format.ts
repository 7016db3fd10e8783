/** Value formats a chart can be asked for (a string prop, so server components can choose it). */
export type ChartValueFormat = 'money' | 'number';

const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Money values are integer cents. */
export function formatChartValue(value: number, format: ChartValueFormat): string {
  return format === 'money' ? money.format(value / 100) : number.format(value);
}

export interface ChartSeries {
  label: string;
  data: number[];
  color: string;
  format?: ChartValueFormat;
}
