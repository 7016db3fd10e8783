/**
 * A chart with its title and an accessible data table behind "Voir les données" (screen readers,
 * no-JS and print get the numbers). Server-safe: the chart itself is passed in as a lazy client island.
 */
import type { ReactNode } from 'react';

export interface DataTable {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}

export function ChartFigure({
  title,
  description,
  chart,
  table,
}: {
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: DataTable;
}) {
  return (
    <figure className="space-y-2">
      <figcaption>
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        {description && <span className="block text-xs text-slate-600">{description}</span>}
      </figcaption>
      {chart}
      <details className="text-sm">
        <summary className="flex min-h-11 cursor-pointer items-center text-blue-800 underline-offset-2 hover:underline">
          Voir les données
        </summary>
        <div className="max-h-72 overflow-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{table.caption}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                {table.headers.map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    className={i === 0 ? 'py-1 pr-2 font-medium' : 'py-1 pr-2 text-right font-medium'}
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r} className="border-b border-slate-100">
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="py-1 pr-2 font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="py-1 pr-2 text-right tabular-nums">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
