-- Capture computes an event's content hash only when it is needed (issue 4 item 7: a fifth of the capture's
-- CPU time went into hashing every event of every document, for a comparison that only a repeated eventID
-- ever makes). An event is its own evidence: the stored `document` is the event exactly as captured, so
-- the hash of a stored event is computed from it when an eventID comes again.
-- * trace_event.content_hash had no reader: dropped (64 bytes less per event row).
-- * trace_event_key.content_hash stays for error declarations, whose corrections are unique per content
--   (trace_event_key_correction_key); for other events it is null from now on. Rows captured before keep
--   theirs, and the capture uses a stored hash when there is one.
alter table trace_event drop column content_hash;
alter table trace_event_key alter column content_hash drop not null;
alter table trace_event_key add constraint trace_event_key_correction_hash check (content_hash is not null or not is_error_declaration);
comment on column trace_event_key.content_hash is
  'SHA-256 of the canonical event content (server/modules/trace/epcis/canonical.ts); set for error declarations (their corrections are unique per content), null for other events since 0018 (computed from trace_event.document when the eventID comes again)';
