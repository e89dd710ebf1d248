-- One public entry per operation.
--
-- Complete + Sync and Retry Sync are one operation, hdc_run_sync, called with its action
-- ('complete', 'end_early' or 'retry') as the value the service holds and the audit row keeps: the
-- two wrappers that re-encoded the action as a function name and a flag are gone.
drop function if exists hdc_complete_and_sync(hdc_site, uuid, text, uuid, uuid, jsonb, boolean);
drop function if exists hdc_retry_sync(hdc_site, uuid, text, uuid, uuid, jsonb);

-- The operator gate takes what the caller was doing (its message names it); a weekly report a
-- person generates is gated in the transaction that stores it.
drop function if exists hdc_require_operator(hdc_site, text);
drop function if exists hdc_store_weekly_report(hdc_site, jsonb, uuid, jsonb);
