-- Traceability at province scale (issue 4 item 7): trace_event is partitioned by event time (one
-- partition per year), the global uniqueness of eventIDs moves to trace_event_key (a partitioned table
-- cannot have a unique index without the partition key), and the index tables lose their foreign keys
-- (each is written only by the capture path, in the same transaction as its event — a per-row FK check
-- doubled the cost of an identifier row).
--
-- Distribution keys, for a distributed PostgreSQL (e.g. Citus) taking these tables as they are:
--   trace_event             by id          (every unique key — the primary key (id, event_time) — contains it)
--   trace_event_key         by event_id    (both unique keys lead with it)
--   trace_event_identifier  by identifier  (the primary key leads with it; the trace walk probes by identifier)
-- Partitions: yearly from 2020 to 2035, one for everything earlier and one for 2036 onwards (split it
-- before then). A new year is `create table trace_event_yYYYY partition of trace_event for values …`.

alter table trace_event rename to trace_event_unpartitioned;
alter index trace_event_id_key rename to trace_event_unpartitioned_id_key;
alter index trace_event_correction_key rename to trace_event_unpartitioned_correction_key;
alter index trace_event_time_idx rename to trace_event_unpartitioned_time_idx;
alter index trace_event_record_time_idx rename to trace_event_unpartitioned_record_time_idx;
alter index trace_event_biz_step_idx rename to trace_event_unpartitioned_biz_step_idx;
alter index trace_event_location_idx rename to trace_event_unpartitioned_location_idx;
alter index trace_event_read_point_idx rename to trace_event_unpartitioned_read_point_idx;
alter index trace_event_enterprise_idx rename to trace_event_unpartitioned_enterprise_idx;

create sequence trace_event_pk_seq as bigint;

create table trace_event (
  id bigint not null default nextval('trace_event_pk_seq'),
  event_id text not null,
  event_type text not null,
  event_time timestamptz not null,
  event_time_zone_offset text not null,
  record_time timestamptz not null default now(),
  action text,
  biz_step text,
  disposition text,
  read_point text,
  biz_location text,
  transformation_id text,
  -- SHA-256 of the canonical event content (recordTime excluded): an identical re-capture is a safe retry
  content_hash text not null,
  -- an errorDeclaration event repeats the event it corrects, eventID included (EPCIS 2.0 §7.4.1.2)
  is_error_declaration boolean not null default false,
  -- owner and place, for access (enterprise) and scope (region) without reading the document
  enterprise_credit_code text,
  region_code text references platform_region (code),
  capture_id uuid references trace_capture (id),
  -- the event exactly as captured (extensions, ilmd, sensor data, certification info), and its document's @context
  document jsonb not null,
  context jsonb,
  is_demo boolean not null default false,
  primary key (id, event_time)
) partition by range (event_time);
alter sequence trace_event_pk_seq owned by trace_event.id;
comment on table trace_event is 'EPCIS 2.0 events, stored whole (document) with the columns queries filter on; partitioned by event_time (yearly)';

create table trace_event_before_2020 partition of trace_event for values from (minvalue) to ('2020-01-01T00:00:00Z');
create table trace_event_y2020 partition of trace_event for values from ('2020-01-01T00:00:00Z') to ('2021-01-01T00:00:00Z');
create table trace_event_y2021 partition of trace_event for values from ('2021-01-01T00:00:00Z') to ('2022-01-01T00:00:00Z');
create table trace_event_y2022 partition of trace_event for values from ('2022-01-01T00:00:00Z') to ('2023-01-01T00:00:00Z');
create table trace_event_y2023 partition of trace_event for values from ('2023-01-01T00:00:00Z') to ('2024-01-01T00:00:00Z');
create table trace_event_y2024 partition of trace_event for values from ('2024-01-01T00:00:00Z') to ('2025-01-01T00:00:00Z');
create table trace_event_y2025 partition of trace_event for values from ('2025-01-01T00:00:00Z') to ('2026-01-01T00:00:00Z');
create table trace_event_y2026 partition of trace_event for values from ('2026-01-01T00:00:00Z') to ('2027-01-01T00:00:00Z');
create table trace_event_y2027 partition of trace_event for values from ('2027-01-01T00:00:00Z') to ('2028-01-01T00:00:00Z');
create table trace_event_y2028 partition of trace_event for values from ('2028-01-01T00:00:00Z') to ('2029-01-01T00:00:00Z');
create table trace_event_y2029 partition of trace_event for values from ('2029-01-01T00:00:00Z') to ('2030-01-01T00:00:00Z');
create table trace_event_y2030 partition of trace_event for values from ('2030-01-01T00:00:00Z') to ('2031-01-01T00:00:00Z');
create table trace_event_y2031 partition of trace_event for values from ('2031-01-01T00:00:00Z') to ('2032-01-01T00:00:00Z');
create table trace_event_y2032 partition of trace_event for values from ('2032-01-01T00:00:00Z') to ('2033-01-01T00:00:00Z');
create table trace_event_y2033 partition of trace_event for values from ('2033-01-01T00:00:00Z') to ('2034-01-01T00:00:00Z');
create table trace_event_y2034 partition of trace_event for values from ('2034-01-01T00:00:00Z') to ('2035-01-01T00:00:00Z');
create table trace_event_y2035 partition of trace_event for values from ('2035-01-01T00:00:00Z') to ('2036-01-01T00:00:00Z');
create table trace_event_from_2036 partition of trace_event for values from ('2036-01-01T00:00:00Z') to (maxvalue);

-- Per-partition indexes (declared once on the parent). None on event_id: every eventID lookup (EPCIS
-- `eventID`, /events/{id}, error declarations, exports) goes through trace_event_key, and a second index
-- of random UUIDs cost the capture a random-page write (and its full-page image in the WAL) per event.
create index trace_event_time_idx on trace_event (event_time);
create index trace_event_record_time_idx on trace_event (record_time);
create index trace_event_biz_step_idx on trace_event (biz_step, event_time);
create index trace_event_location_idx on trace_event (biz_location, event_time);
create index trace_event_read_point_idx on trace_event (read_point, event_time);
create index trace_event_enterprise_idx on trace_event (enterprise_credit_code, event_time);

-- One row per stored event: the global uniqueness of eventIDs, and the way from an eventID to its row.
create table trace_event_key (
  event_id text not null,
  content_hash text not null,
  is_error_declaration boolean not null,
  event_pk bigint not null,
  event_time timestamptz not null
);
create unique index trace_event_key_id_key on trace_event_key (event_id) where not is_error_declaration;
create unique index trace_event_key_correction_key on trace_event_key (event_id, content_hash) where is_error_declaration;
comment on table trace_event_key is 'eventID → (event_pk, event_time): unique eventIDs across the partitions of trace_event; corrections unique per content';

insert into trace_event
  select id, event_id, event_type, event_time, event_time_zone_offset, record_time, action, biz_step, disposition, read_point,
    biz_location, transformation_id, content_hash, is_error_declaration, enterprise_credit_code, region_code, capture_id,
    document, context, is_demo
  from trace_event_unpartitioned;
insert into trace_event_key select event_id, content_hash, is_error_declaration, id, event_time from trace_event_unpartitioned;
select setval('trace_event_pk_seq', coalesce((select max(id) from trace_event_unpartitioned), 0) + 1, false);

alter table trace_event_identifier drop constraint trace_event_identifier_event_pk_fkey;
-- Identifiers are ASCII URIs compared byte by byte: with the "C" collation the primary key also serves
-- prefix searches (all lots of a GTIN, EPC patterns in MATCH_*); under C.UTF-8 or a language collation
-- a LIKE 'prefix%' scanned the whole table (16 million rows at 10 million events).
alter table trace_event_identifier alter column identifier type text collate "C";
alter table trace_event_biz_transaction drop constraint trace_event_biz_transaction_event_pk_fkey;
drop table trace_event_unpartitioned;

create trigger trace_event_append_only before update or delete on trace_event
  for each row execute function trace_append_only();
create trigger trace_event_key_append_only before update or delete on trace_event_key
  for each row execute function trace_append_only();
create trigger trace_event_biz_transaction_append_only before update or delete on trace_event_biz_transaction
  for each row execute function trace_append_only();
