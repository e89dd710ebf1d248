-- Execute and restore apart.
--
-- A cleanup plan's execution and its restore are separate SQL functions
-- (hdc_cleanup_execute_batch / _record, hdc_cleanup_restore_batch / _record) over one transition
-- table (hdc_cleanup_transition); the two functions that took the direction as p_mode go.
drop function if exists hdc_cleanup_batch(hdc_site, text, uuid, text, text, integer, uuid, integer, jsonb);
drop function if exists hdc_cleanup_record(hdc_site, text, uuid, text, jsonb, uuid);
