/**
 * A calendar day (YYYY-MM-DD, such as a report's week) as the viewer's locale writes it: "Nov 30,
 * 2026", or "Nov 30" on a chart's axis. A day has no time zone: it is read and written in UTC.
 */
export function formatCalendarDay(day: string, form: 'full' | 'axis' = 'full'): string {
  const options: Intl.DateTimeFormatOptions =
    form === 'full' ? { dateStyle: 'medium', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, options);
}
