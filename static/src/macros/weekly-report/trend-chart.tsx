import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendSeries {
  label: string;
  values: (number | null)[];
  /** A design token for the line colour, e.g. --ds-chart-categorical-1. */
  colorToken: string;
  /** A dash pattern, so lines differ in more than colour (and a line under another shows). */
  dash?: number[];
  /** A reference line (budget, target): no points. */
  reference?: boolean;
}

/** A release on the chart: a dashed vertical line at the first week it could move. */
export interface ReleaseMarker {
  index: number;
  label: string;
}

interface Props {
  title: string;
  /** One label per point, oldest first (the weeks, e.g. "Nov 16"). */
  labels: string[];
  markers?: readonly ReleaseMarker[];
  series: TrendSeries[];
  unit: string;
  /** How a value reads, in the legend and the table. */
  format: (value: number) => string;
}

const FALLBACK_COLORS: Record<string, string> = {
  '--ds-chart-categorical-1': '#357DE8',
  '--ds-chart-categorical-2': '#82B536',
  '--ds-chart-categorical-3': '#BF63F3',
  '--ds-chart-danger': '#E2483D',
  '--ds-text-subtle': '#505258',
  '--ds-border': '#0B120E24',
};

function tokenColor(token: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(token).trim();
  return value === '' ? (FALLBACK_COLORS[token] ?? '#888888') : value;
}

/** A legend's sample of a line: horizontal for a series, vertical for a release marker. */
function Swatch({ colorToken, dash, vertical = false }: { colorToken: string; dash?: number[]; vertical?: boolean }) {
  const [x1, y1, x2, y2] = vertical ? [12, 0, 12, 8] : [0, 4, 24, 4];
  return (
    <svg width="24" height="8" aria-hidden="true">
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        stroke={`var(${colorToken})`}
        strokeWidth="2"
        strokeDasharray={dash?.join(' ')}
      />
    </svg>
  );
}

const latestOf = (values: (number | null)[]): number | null =>
  [...values].reverse().find((value) => value !== null) ?? null;

/**
 * A line chart (uPlot, canvas) with the latest value of each series in a legend that needs no
 * hovering, week dates on the axis, and the same data as a table for screen readers.
 */
export function TrendChart({ title, labels, markers = [], series, unit, format }: Props) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null || labels.length === 0) return;
    const axisStroke = tokenColor('--ds-text-subtle');
    const gridStroke = tokenColor('--ds-border');
    const markerStroke = tokenColor('--ds-text-subtle');
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 180,
        // Room on the right, so the last week's label is not cut.
        padding: [8, 28, 0, 0],
        legend: { show: false },
        hooks: {
          draw: [
            (u) => {
              const { ctx, bbox } = u;
              ctx.save();
              ctx.strokeStyle = markerStroke;
              ctx.fillStyle = markerStroke;
              ctx.setLineDash([3, 3]);
              ctx.font = `${11 * devicePixelRatio}px sans-serif`;
              for (const marker of markers) {
                const x = Math.round(u.valToPos(marker.index, 'x', true));
                ctx.beginPath();
                ctx.moveTo(x, bbox.top);
                ctx.lineTo(x, bbox.top + bbox.height);
                ctx.stroke();
                ctx.fillText(
                  `▲ ${marker.label.replace('Release ', '')}`,
                  x + 3 * devicePixelRatio,
                  bbox.top + 11 * devicePixelRatio,
                );
              }
              ctx.restore();
            },
          ],
        },
        cursor: { show: true, points: { show: false } },
        scales: { x: { time: false, range: (_u, min, max) => [min - 0.2, max + 0.2] } },
        axes: [
          {
            stroke: axisStroke,
            grid: { stroke: gridStroke },
            splits: () => labels.map((_, index) => index),
            // As many week labels as fit (about 64 px each), always the latest one.
            values: (u, ticks) => {
              const step = Math.max(
                1,
                Math.ceil(labels.length / Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 64))),
              );
              return ticks.map((tick) => ((labels.length - 1 - tick) % step === 0 ? (labels[tick] ?? '') : ''));
            },
          },
          { stroke: axisStroke, grid: { stroke: gridStroke }, label: unit, size: 56 },
        ],
        series: [
          { label: 'week' },
          ...series.map((line) => ({
            label: line.label,
            stroke: tokenColor(line.colorToken),
            width: line.reference ? 1.5 : 2,
            ...(line.dash ? { dash: line.dash } : {}),
            points: { show: !line.reference, size: 6 },
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
  }, [labels, markers, series, unit]);

  return (
    <figure className="hdc-chart">
      <figcaption>{title}</figcaption>
      <div ref={container} aria-hidden="true" />
      <ul className="hdc-chart-legend" aria-label={`${title}: latest week`}>
        {series.map((line) => {
          const latest = latestOf(line.values);
          return (
            <li key={line.label}>
              <Swatch colorToken={line.colorToken} dash={line.dash} />
              {line.label}: <strong>{latest === null ? 'not measured' : format(latest)}</strong>
            </li>
          );
        })}
        {markers.map((marker) => (
          <li key={`${marker.label}-${marker.index}`} data-release-marker>
            <Swatch colorToken="--ds-text-subtle" dash={[3, 3]} vertical />
            {marker.label}: week of {labels[marker.index]}
          </li>
        ))}
      </ul>
      <table className="hdc-visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Release</th>
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
              <td>
                {markers
                  .filter((marker) => marker.index === index)
                  .map((marker) => marker.label)
                  .join(', ')}
              </td>
              {series.map((line) => {
                const value = line.values[index];
                return (
                  <td key={line.label}>{value === null || value === undefined ? 'not measured' : format(value)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
