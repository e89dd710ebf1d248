const DAY_MS = 86_400_000;
const REPORT_PERIOD_DAYS = 7;

/** The 7 days before `now`: the weekly report always covers a full week of telemetry. */
export function reportPeriod(now: Date): { start: Date; end: Date } {
  return { start: new Date(now.getTime() - REPORT_PERIOD_DAYS * DAY_MS), end: now };
}

/** The Monday (UTC, YYYY-MM-DD) of the ISO week holding `date`: the report's "week of". */
export function isoWeekMonday(date: Date): string {
  const day = date.getUTCDay(); // 0 Sunday … 6 Saturday
  const monday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - ((day + 6) % 7) * DAY_MS,
  );
  return monday.toISOString().slice(0, 10);
}
