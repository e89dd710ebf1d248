import Tooltip from '@atlaskit/tooltip';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", in the viewer's locale: for text that cannot hold the hover (an option's label). */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

const exactTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "3 minutes ago" in the viewer's locale and time zone, with the exact time on hover and for screen readers. */
export function RelativeTime({ iso }: { iso: string }) {
  const exact = exactTime(iso);
  return (
    <Tooltip content={exact}>
      {(trigger) => (
        <time
          {...trigger}
          dateTime={iso}
          aria-label={`${relativeTime(iso)} (${exact})`}
          tabIndex={0}
          data-exact-time={exact}
        >
          {relativeTime(iso)}
        </time>
      )}
    </Tooltip>
  );
}
