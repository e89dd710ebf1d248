// Generated from config/thresholds.yml by scripts/generate-default-thresholds.mjs (npm run build). Do not edit:
// edit config/thresholds.yml, then npm run build. test/unit/thresholds.test.ts checks it against the schema.
import type { Thresholds } from './thresholds';

/** The thresholds when no file or variable gives others (Forge bundles code, not config/). */
export const DEFAULT_THRESHOLDS: Thresholds = {
  "budgets": {
    "registry_lookup": {
      "metric": "registry_lookup",
      "p95_ms": 120
    },
    "complete_and_sync": {
      "metric": "sync_execution",
      "p95_ms": 220
    },
    "sustained_windows": 2,
    "breach_action": "Watch the next window; check the telemetry samples for slow calls and recent deploys.",
    "sustained_action": "Page engineering on-call; find the slow path from the telemetry samples; consider a rollback."
  },
  "error_rate": {
    "min_calls_per_window": 20,
    "min_accounts_per_window": 3,
    "target": 0.01,
    "target_action": "Look at the failing calls in the telemetry samples and open a ticket.",
    "escalate": {
      "rate": 0.05,
      "window_minutes": 15,
      "severity": "SEV-2",
      "action": "Escalate to engineering on-call with the telemetry samples."
    },
    "rollback": {
      "rate": 0.1,
      "window_minutes": 5,
      "severity": "SEV-2",
      "action": "Recommend a rollback to the last good deploy; escalate to engineering on-call."
    }
  },
  "error_budgets": {
    "window_days": 28,
    "objectives": {
      "registry_lookup": 0.99,
      "sync_execution": 0.99
    }
  },
  "alerts": {
    "hold_minutes": 15,
    "burn_rates": [
      {
        "name": "fast_burn",
        "long_minutes": 60,
        "short_minutes": 5,
        "factor": 14.4,
        "severity": "P1"
      },
      {
        "name": "slow_burn",
        "long_minutes": 360,
        "short_minutes": 30,
        "factor": 6,
        "severity": "P2"
      },
      {
        "name": "steady_burn",
        "long_minutes": 4320,
        "short_minutes": 360,
        "factor": 1,
        "severity": "P3"
      }
    ],
    "rollback_severity": "P0",
    "escalate_severity": "P1",
    "sampler_silent_severity": "P2",
    "escalation_wait_hours": 24,
    "escalation_wait_severity": "P3",
    "cleanup_job_failed_severity": "P3",
    "backup_stale_severity": "P3",
    "delivery": {
      "incident_severities": [
        "P0",
        "P1"
      ],
      "notifications_per_hour": 6,
      "max_attempts": 5
    },
    "sla": {
      "P0": {
        "response_minutes": 15,
        "resolution_hours": 4
      },
      "P1": {
        "response_minutes": 30,
        "resolution_hours": 8
      },
      "P2": {
        "response_minutes": 240,
        "resolution_hours": 24
      },
      "P3": {
        "response_minutes": 1440,
        "resolution_hours": 168
      }
    }
  },
  "missing_metric": {
    "first_severity": "SEV-3",
    "repeat_severity": "SEV-2",
    "action": "Check that the scheduled sampler runs and that telemetry reaches the database (forge logs | grep hdc-telemetry)."
  },
  "integrity_regression": {
    "severity": "SEV-2",
    "action": "Open a data-quality incident; run hdc-ops dry-run and fix the events it lists before the next report."
  },
  "rate_limiting": {
    "min_in_window": 5,
    "severity": "SEV-2",
    "action": "Check the Supabase project's rate limits and the call volume; spread scheduled work."
  },
  "orphans": {
    "dangling_event_severity": "SEV-3",
    "duplicate_reference_severity": "SEV-2",
    "max_orphan_pages": 0,
    "max_scan_age_days": 8,
    "action": "Open the orphan-page cleanup macro, review the findings and plan a cleanup (docs/runbook.md, \"Orphan-page cleanup\")."
  },
  "recovery": {
    "rpo_hours": 24,
    "rto_seconds": 900,
    "sampler_max_age_minutes": 120
  },
  "hypercare": {
    "auth_failure_rollback": {
      "rate": 0.05,
      "window_minutes": 5,
      "min_refused_accounts": 3,
      "severity": "SEV-2",
      "action": "Recommend a rollback to the last good deploy (docs/runbook.md, \"Upgrade and rollback\"); check scopes and permissions changed by the release."
    },
    "exit_days": 7
  },
  "sampler": {
    "retention_days": 90,
    "raw_retention_days": 14,
    "prune_batch": 5000,
    "max_prune_batches": 20
  }
};
