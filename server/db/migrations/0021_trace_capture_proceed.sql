-- Greedy capture (EPCIS 2.0 REST binding, GS1-Capture-Error-Behaviour: proceed). A client may ask that the events
-- which conform and may be stored are stored, and the others refused with their reasons, instead of the default
-- all-or-nothing (rollback). Such a job ends 'partial' when it stored some events and refused others (the binding's
-- running:false, success:false with events captured); a proceed job that refused every event ends 'failed'.
-- The job keeps which behaviour it ran with (CaptureJob.captureErrorBehaviour).

alter table trace_capture add column error_behaviour text not null default 'rollback' check (error_behaviour in ('rollback', 'proceed'));
comment on column trace_capture.error_behaviour is 'GS1-Capture-Error-Behaviour of the capture: rollback (stored whole or not at all) or proceed (conforming events stored, the others refused and listed in errors)';

alter table trace_capture drop constraint trace_capture_status_check;
alter table trace_capture add constraint trace_capture_status_check check (status in ('running', 'success', 'partial', 'failed'));

-- Subscriptions deliver the events of partial captures too (server/modules/trace/subscriptions/feed.ts).
drop index trace_capture_unsequenced_idx;
create index trace_capture_unsequenced_idx on trace_capture (created_at) where status in ('success', 'partial') and feed_seq is null;
