-- Capture speed (issue 4 item 7): trace_event loses its two foreign keys, as its index tables did in 0008.
-- Each is checked per row: a COPY of 100,000 stored events into an indexed copy of trace_event took 3.1–3.3 s
-- without them and 4.4–4.9 s with them (PostgreSQL 15, 2 × AMD EPYC) — the checks cost more than four of the
-- seven indexes. Neither can fail on the capture path, which is the only writer of trace_event:
-- * capture_id is the trace_capture row inserted earlier in the same transaction;
-- * region_code is copied from the event's registered location (trace_location.region_code, which keeps its
--   own foreign key to platform_region) or is null.
-- What the foreign keys also guarded — the referenced rows disappearing — is guarded here instead: a capture
-- is the record of what was stored and is never deleted, and no code deletes a region.

do $$
declare
  fk record;
begin
  for fk in select conname from pg_constraint where conrelid = 'trace_event'::regclass and contype = 'f' loop
    execute format('alter table trace_event drop constraint %I', fk.conname);
  end loop;
end;
$$;

create function trace_capture_kept() returns trigger language plpgsql as $$
begin
  raise exception 'trace_capture is never deleted: it is the record of a capture and its events refer to it';
end;
$$;
create trigger trace_capture_kept before delete on trace_capture for each row execute function trace_capture_kept();

comment on column trace_event.capture_id is 'the capture that stored the event (trace_capture.id, same transaction; no foreign key since 0020: checked per row, it made a COPY of stored events 35–55 % slower)';
comment on column trace_event.region_code is 'the region of the event''s registered location (from trace_location.region_code; no foreign key since 0020)';
