import { countOf } from '../contract/plural';
import type { DatabaseHealth, HealthCheck, HealthReport, HealthStatus } from '../contract/operations';
import { EXPECTED_SCHEMA_VERSION, HDC_OPS_VERSION } from '../shared/release';
import type { Thresholds } from '../verification/thresholds';

/** What a readiness probe measured, before it is judged. */
export interface ReadinessObservation {
  now: Date;
  database: { ok: true; figures: DatabaseHealth; roundTripMs: number } | { ok: false; errorCode: string };
  /** Null when this edge has no Confluence (the CLI without an API token). */
  confluence: { ok: true; roundTripMs: number } | { ok: false; errorCode: string } | null;
  recovery: Thresholds['recovery'];
}

/** A database round trip slower than this is a warning (the resolvers' own budgets are 120–220 ms p95). */
const SLOW_DATABASE_MS = 1000;
const SLOW_CONFLUENCE_MS = 3000;

const HOUR_MS = 3_600_000;
const READINESS = 'Readiness: the dependencies HDC Ops needs to serve.';
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function check(
  componentType: HealthCheck['componentType'],
  essential: boolean,
  time: Date,
  fields: Omit<HealthCheck, 'componentType' | 'essential' | 'time'>,
): HealthCheck {
  return { componentType, essential, time: time.toISOString(), ...fields };
}

/** The schema check: the code's functions expect exactly its schema version. */
function schemaCheck(figures: DatabaseHealth, now: Date): HealthCheck {
  const version = figures.schemaVersion;
  const status: HealthStatus = version === EXPECTED_SCHEMA_VERSION ? 'pass' : 'fail';
  const output =
    version === null || version < EXPECTED_SCHEMA_VERSION
      ? `${countOf(EXPECTED_SCHEMA_VERSION - (version ?? 0), 'migration', 'migrations')} pending: an operator applies the migrations (runbook: Applying migrations; this build expects schema ${EXPECTED_SCHEMA_VERSION}).`
      : version > EXPECTED_SCHEMA_VERSION
        ? `The database is at schema ${version}, newer than this build's ${EXPECTED_SCHEMA_VERSION}: deploy the matching version, or roll back (runbook: Upgrade and rollback).`
        : `Schema ${version}, as this build expects; no migration pending.`;
  return check('datastore', true, now, { status, observedValue: version, observedUnit: 'schema version', output });
}

/** Minutes since a time, or null. */
const minutesSince = (now: Date, when: string | null | undefined) =>
  when ? (now.getTime() - Date.parse(when)) / 60_000 : null;

/**
 * Judges a readiness observation (application/health+json): fail (HTTP 503) only when an
 * essential check fails — the database unreachable or its schema not this build's; Confluence,
 * sampler freshness (the dead-man's switch) and backup freshness only warn.
 */
export function judgeReadiness(observation: ReadinessObservation): HealthReport {
  const { now, recovery } = observation;
  const checks: Record<string, HealthCheck[]> = {};
  if (observation.database.ok) {
    const { figures, roundTripMs } = observation.database;
    checks['database:responseTime'] = [
      check('datastore', true, now, {
        status: roundTripMs > SLOW_DATABASE_MS ? 'warn' : 'pass',
        observedValue: round(roundTripMs),
        observedUnit: 'ms',
        ...(roundTripMs > SLOW_DATABASE_MS ? { output: `Slower than ${SLOW_DATABASE_MS} ms.` } : {}),
      }),
    ];
    checks['database:schemaVersion'] = [schemaCheck(figures, now)];
    const samplerRun = figures.scheduledRuns['telemetry_sampler'];
    const samplerAge = minutesSince(now, samplerRun?.lastOkAt);
    checks['sampler:freshness'] = [
      check('system', false, now, {
        status: samplerAge !== null && samplerAge <= recovery.sampler_max_age_minutes ? 'pass' : 'warn',
        observedValue: samplerAge === null ? null : round(samplerAge),
        observedUnit: 'min',
        output:
          samplerAge === null
            ? 'No scheduled sampler run has succeeded yet: check the hdc-telemetry-sampler trigger (runbook: Weekly verification).'
            : samplerAge > recovery.sampler_max_age_minutes
              ? `The last good sampler run was ${Math.round(samplerAge)} min ago (limit ${recovery.sampler_max_age_minutes}): the hourly trigger is not running.`
              : `Last good run ${Math.round(samplerAge)} min ago${samplerRun?.lastStatus === 'failed' ? '; the latest run failed' : ''}.`,
      }),
    ];
    const backup = figures.newestBackup;
    const backupAge = backup === null ? null : (now.getTime() - Date.parse(backup.snapshotAt)) / HOUR_MS;
    checks['backup:freshness'] = [
      check('system', false, now, {
        status: backupAge !== null && backupAge <= recovery.rpo_hours ? 'pass' : 'warn',
        observedValue: backupAge === null ? null : round(backupAge, 2),
        observedUnit: 'h',
        output:
          backupAge === null
            ? 'No verified backup yet: an operator takes one (runbook: Operations kit).'
            : backupAge > recovery.rpo_hours
              ? `The newest verified backup is ${round(backupAge)} h old, past the ${recovery.rpo_hours} h RPO target: an operator takes a new one (runbook: Operations kit).`
              : `Newest verified backup ${round(backupAge)} h old (${backup?.kind}, ${backup?.fileName}).`,
      }),
    ];
  } else {
    checks['database:responseTime'] = [
      check('datastore', true, now, {
        status: 'fail',
        observedValue: null,
        observedUnit: 'ms',
        output: `The database did not answer (${observation.database.errorCode}). Check the Supabase project (or DATABASE_URL) and the network.`,
      }),
    ];
  }
  const confluence = observation.confluence;
  if (confluence !== null) {
    checks['confluence:responseTime'] = [
      check(
        'component',
        false,
        now,
        confluence.ok
          ? {
              status: confluence.roundTripMs > SLOW_CONFLUENCE_MS ? 'warn' : 'pass',
              observedValue: round(confluence.roundTripMs),
              observedUnit: 'ms',
            }
          : {
              status: 'warn',
              observedValue: null,
              observedUnit: 'ms',
              output: `Confluence refused or did not answer (${confluence.errorCode}): the orphan-page cleanup cannot run; the registry and sync are not affected.`,
            },
      ),
    ];
  }
  return reportOf(
    checks,
    READINESS,
    observation.confluence === null
      ? [
          'Confluence not checked: this edge has no Confluence credentials (CONFLUENCE_BASE_URL / CONFLUENCE_EMAIL / CONFLUENCE_API_TOKEN).',
        ]
      : [],
  );
}

/** Readiness of an invocation that could not reach its services at all (no installation, no configuration). */
export function unservedReadiness(now: Date, code: string, message: string): HealthReport {
  return reportOf(
    {
      'app:configuration': [check('system', true, now, { status: 'fail', observedValue: code, output: message })],
    },
    READINESS,
    [],
  );
}

/** Liveness: the process answers; it touches no dependency. */
export function liveness(now: Date, startedAt: Date): HealthReport {
  return reportOf(
    {
      'process:uptime': [
        check('system', true, now, {
          status: 'pass',
          observedValue: round((now.getTime() - startedAt.getTime()) / 1000),
          observedUnit: 's',
        }),
      ],
    },
    'Liveness: the process answers (no dependency is touched).',
    [],
  );
}

function reportOf(checks: Record<string, HealthCheck[]>, description: string, notes: string[]): HealthReport {
  const all = Object.values(checks).flat();
  const status: HealthStatus = all.some((c) => c.essential && c.status === 'fail')
    ? 'fail'
    : all.some((c) => c.status !== 'pass')
      ? 'warn'
      : 'pass';
  const failing = all.filter((c) => c.status !== 'pass' && c.output !== undefined).map((c) => c.output as string);
  return {
    status,
    version: HDC_OPS_VERSION.split('.')[0] ?? HDC_OPS_VERSION,
    releaseId: HDC_OPS_VERSION,
    serviceId: 'hdc-ops',
    description,
    notes,
    ...(failing.length > 0 ? { output: failing.join(' ') } : {}),
    checks,
  };
}

/** HTTP status of a health report: 503 only on fail; warn stays 200. */
export const httpStatusOf = (report: HealthReport): number => (report.status === 'fail' ? 503 : 200);
