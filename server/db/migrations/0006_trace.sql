-- API keys for machine clients (enterprise systems capturing EPCIS events), and the trace module:
-- registered locations (GLNs) per enterprise, capture jobs, events stored whole, and the
-- identifier → event index that per-hop queries and backward/forward traces read.

create table platform_api_key (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references platform_user (id),
  name text not null,
  -- SHA-256 of the key: a leaked table does not leak usable keys (the key is shown once, at creation)
  key_hash text not null unique,
  key_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index platform_api_key_user_idx on platform_api_key (user_id);
comment on table platform_api_key is 'Bearer keys for machine clients; they act as their user (role and scope)';

create table trace_location (
  id uuid primary key default gen_random_uuid(),
  -- canonical identifier (GS1 Digital Link https://id.gs1.org/414/<gln>[/254/<ext>], or the URI as given for non-GS1 locations)
  identifier text not null unique,
  gln text,
  name text not null,
  enterprise_credit_code text not null,
  enterprise_name text not null,
  region_code text not null references platform_region (code),
  address text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index trace_location_enterprise_idx on trace_location (enterprise_credit_code);
comment on table trace_location is '企业登记的地点 (GLN): an enterprise may capture events only at its own locations';

create table trace_capture (
  id uuid primary key default gen_random_uuid(),
  status text not null check (status in ('running', 'success', 'failed')),
  document_type text,
  event_count integer not null default 0,
  stored_count integer not null default 0,
  duplicate_count integer not null default 0,
  errors jsonb not null default '[]',
  created_by uuid references platform_user (id),
  enterprise_credit_code text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
comment on table trace_capture is 'EPCIS capture jobs (REST binding CaptureJob): a document is stored whole or not at all';

create table trace_event (
  id bigint generated always as identity primary key,
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
  is_demo boolean not null default false
);
create unique index trace_event_id_key on trace_event (event_id) where not is_error_declaration;
create unique index trace_event_correction_key on trace_event (event_id, content_hash) where is_error_declaration;
create index trace_event_time_idx on trace_event (event_time);
create index trace_event_record_time_idx on trace_event (record_time);
create index trace_event_biz_step_idx on trace_event (biz_step, event_time);
create index trace_event_location_idx on trace_event (biz_location, event_time);
create index trace_event_read_point_idx on trace_event (read_point, event_time);
create index trace_event_enterprise_idx on trace_event (enterprise_credit_code, event_time);
comment on table trace_event is 'EPCIS 2.0 events, stored whole (document) with the columns queries filter on';

-- Every identifier occurrence of every event: what per-hop EPCIS queries (MATCH_*) and the recursive
-- backward/forward trace join on. identifier is the canonical form (common/gs1 normaliseIdentifier).
create table trace_event_identifier (
  identifier text not null,
  role text not null check (role in ('epc', 'parent', 'child', 'input', 'output', 'quantity', 'childQuantity', 'inputQuantity', 'outputQuantity', 'sensor')),
  event_pk bigint not null references trace_event (id),
  event_time timestamptz not null,
  raw text not null,
  quantity numeric,
  uom text,
  primary key (identifier, role, event_pk)
);
create index trace_event_identifier_event_idx on trace_event_identifier (event_pk);

create table trace_event_biz_transaction (
  event_pk bigint not null references trace_event (id),
  type text,
  biz_transaction text not null
);
create index trace_event_biz_transaction_idx on trace_event_biz_transaction (biz_transaction);
create index trace_event_biz_transaction_event_idx on trace_event_biz_transaction (event_pk);

create function trace_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: an EPCIS event is never changed, it is corrected by an error declaration', tg_table_name;
end;
$$;
create trigger trace_event_append_only before update or delete on trace_event
  for each row execute function trace_append_only();
create trigger trace_event_identifier_append_only before update or delete on trace_event_identifier
  for each row execute function trace_append_only();
