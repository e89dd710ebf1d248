import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendSeries {
  label: string;
  values: (number | null)[];
  /** A design token for the line colour, e.g. --ds-chart-categorical-1. */
  colorToken: string;
  dashed?: boolean;
}

interface Props {
  title: string;
  /** One label per point, oldest first (the report weeks). */
  labels: string[];
  series: TrendSeries[];
  unit: string;
}

const FALLBACK_COLORS: Record<string, string> = {
  '--ds-chart-categorical-1': '#357DE8',
  '--ds-chart-categorical-2': '#82B536',
  '--ds-chart-danger': '#E2483D',
  '--ds-chart-neutral': '#8C8F97',
  '--ds-text-subtle': '#505258',
  '--ds-border': '#0B120E24',
};

function tokenColor(token: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(token).trim();
  return value === '' ? (FALLBACK_COLORS[token] ?? '#888888') : value;
}

/** A line chart (uPlot, canvas) with the same data as a table for screen readers. */
export function TrendChart({ title, labels, series, unit }: Props) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null || labels.length === 0) return;
    const axisStroke = tokenColor('--ds-text-subtle');
    const gridStroke = tokenColor('--ds-border');
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 180,
        legend: { show: true },
        cursor: { show: true },
        scales: { x: { time: false } },
        axes: [
          { stroke: axisStroke, grid: { stroke: gridStroke }, values: (_u, ticks) => ticks.map((tick) => labels[tick] ?? '') },
          { stroke: axisStroke, grid: { stroke: gridStroke }, label: unit, size: 56 },
        ],
        series: [
          { label: 'week', value: (_u, index) => labels[index] ?? '' },
          ...series.map((line) => ({
            label: line.label,
            stroke: tokenColor(line.colorToken),
            width: 2,
            ...(line.dashed ? { dash: [6, 4] } : {}),
            points: { show: true },
          })),
        ],
      },
      [labels.map((_, index) => index), ...series.map((line) => line.values)],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, element.clientWidth), height: 180 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [labels, series, unit]);

  return (
    <figure className="hdc-chart">
      <figcaption>{title}</figcaption>
      <div ref={container} aria-hidden="true" />
      <table className="hdc-visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            {series.map((line) => (
              <th scope="col" key={line.label}>
                {line.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, index) => (
            <tr key={`${label}-${index}`}>
              <th scope="row">{label}</th>
              {series.map((line) => (
                <td key={line.label}>{line.values[index] === null ? 'not measured' : `${line.values[index]?.toFixed(2) ?? ''} ${unit}`}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
