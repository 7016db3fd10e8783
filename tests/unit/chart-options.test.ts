import { describe, expect, it } from 'vitest';
import {
  barOptions,
  fromFirstEvent,
  lineOptions,
  oneMeasure,
  valueAxis,
  worthAChart,
} from '@/components/charts/options';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('value axis', () => {
  it('starts at zero, even when every value is far from it (a 61,67 € balance is not nothing)', () => {
    const axis = valueAxis('money', [6167, 6167, 6200]);
    expect(axis.beginAtZero).toBe(true);
    expect(axis.min).toBe(0);
  });
  it('goes below zero only for negative values (a credit balance)', () => {
    const axis = valueAxis('money', [-500, 1000]);
    expect(axis.beginAtZero).toBe(true);
    expect(axis.min).toBeUndefined();
  });
  it('gives counts whole-number ticks', () => {
    const axis = valueAxis('number', [0, 1, 0, 1]);
    expect(axis.ticks.precision).toBe(0);
    expect(axis.ticks.stepSize).toBe(1);
    expect(axis.suggestedMax).toBe(1);
    expect(valueAxis('number', [120, 340]).ticks.precision).toBe(0);
    expect(valueAxis('number', [120, 340]).ticks.stepSize).toBeUndefined();
  });
  it('leaves money ticks to chart.js but formats them in euros', () => {
    const axis = valueAxis('money', [6167]);
    expect(axis.ticks.precision).toBeUndefined();
    expect(plain(axis.ticks.callback(6000))).toBe('60 €');
  });
});

describe('chart options', () => {
  const visits = { label: 'Visites', data: [0, 2, 1], color: '#000', format: 'number' as const };
  const revenue = { label: 'CA HT', data: [0, 12000, 6100], color: '#111', format: 'money' as const };

  it('bar charts: value axis from zero with integer ticks for counts, on the right axis when horizontal', () => {
    const vertical = barOptions({ series: [visits] });
    expect(vertical.scales.y).toMatchObject({ beginAtZero: true, min: 0, ticks: { precision: 0, stepSize: 1 } });
    const horizontal = barOptions({ series: [visits], horizontal: true });
    expect(horizontal.indexAxis).toBe('y');
    expect(horizontal.scales.x).toMatchObject({ beginAtZero: true, min: 0, ticks: { precision: 0 } });
  });

  it('one measure per chart: a series in another unit is dropped, never put on a second axis', () => {
    expect(oneMeasure([revenue, visits])).toEqual([revenue]);
    const options = barOptions({ series: [revenue, visits] });
    expect(Object.keys(options.scales).sort()).toEqual(['x', 'y']);
    expect(options.plugins.legend.display).toBe(false);
  });

  it('line charts: y from zero', () => {
    const options = lineOptions({ series: [{ ...revenue, data: [6167, 6167] }], format: 'money' });
    expect(options.scales.y).toMatchObject({ beginAtZero: true, min: 0 });
  });
});

describe('what to draw', () => {
  it('starts the range at the first event', () => {
    const months = [0, 0, 0, 5, 0, 3].map((v, i) => ({ i, v }));
    expect(fromFirstEvent(months, (m) => m.v > 0).map((m) => m.i)).toEqual([3, 4, 5]);
    expect(fromFirstEvent(months.slice(0, 3), (m) => m.v > 0)).toEqual([]);
  });
  it('draws only from three points or categories', () => {
    expect(worthAChart([1, 2])).toBe(false);
    expect(worthAChart([1, 2, 3])).toBe(true);
  });
});
