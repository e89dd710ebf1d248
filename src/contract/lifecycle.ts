export const EVENT_LIFECYCLES = [
  'draft',
  'registration',
  'team_formation',
  'hacking',
  'voting',
  'results',
  'completed',
  'archived',
] as const;
export type EventLifecycle = (typeof EVENT_LIFECYCLES)[number];

export const SYNC_STATUSES = ['complete', 'partial', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const SYNC_ERROR_CATEGORIES = [
  'none',
  'partial_failure',
  'permission',
  'validation',
  'transient',
  'unknown',
] as const;
export type SyncErrorCategory = (typeof SYNC_ERROR_CATEGORIES)[number];

export const HACK_FAILURE_REASONS = ['empty_title', 'missing_owner'] as const;
