-- EPCIS 2.0 query subscriptions by webhook (REST binding POST /queries/{queryName}/subscriptions): the server POSTs
-- each named query's new events to the subscriber's `dest` (server/modules/trace/subscriptions/).
--
-- Which events are "new" cannot be told by recordTime: concurrent capture transactions commit out of order, so a
-- capture with an earlier recordTime may become visible after a later one. Instead the dispatcher numbers committed
-- successful captures (feed_seq) under an advisory lock, in the order it sees them; feed_seq order is therefore
-- visibility order, and each subscription keeps a cursor on it. The events of a capture are found through
-- trace_event.capture_id and trace_event.record_time = trace_capture.created_at (both the capture transaction's
-- now()), so the existing record_time index serves the lookup and trace_event gets no new index.

create sequence trace_capture_feed_seq;
alter table trace_capture add column feed_seq bigint;
comment on column trace_capture.feed_seq is
  'Delivery order of a committed successful capture (EPCIS webhook subscriptions); null until the dispatcher has numbered it';
create unique index trace_capture_feed_seq_key on trace_capture (feed_seq) where feed_seq is not null;
-- what the dispatcher numbers next: small, since every pass numbers them all
create index trace_capture_unsequenced_idx on trace_capture (created_at) where status = 'success' and feed_seq is null;

-- Captures stored before this migration, in the order they were made.
update trace_capture c set feed_seq = n.seq
from (select o.id, nextval('trace_capture_feed_seq') as seq
      from (select id from trace_capture where status = 'success' order by created_at, id) o) n
where c.id = n.id;

create table trace_subscription (
  id uuid primary key default gen_random_uuid(),
  -- a subscription ends with its named query
  query_id uuid not null references trace_named_query (id) on delete cascade,
  -- the account that subscribed: deliveries carry what this account may see at delivery time
  owner_id uuid not null references platform_user (id),
  dest text not null,
  -- the client's secret for the GS1-Signature HMAC: kept to sign, never returned or audited
  signature_token text,
  stream boolean not null,
  -- EPCIS QuerySchedule: {second, minute, hour, dayOfMonth, month, dayOfWeek}, each a string; Asia/Shanghai time
  schedule jsonb,
  report_if_empty boolean not null default false,
  initial_record_time timestamptz,
  -- the first delivery takes events recorded from here on (initialRecordTime); cleared once it has caught up
  min_record_time timestamptz,
  -- cursor: every matching event of captures with feed_seq < last_feed_seq is delivered, and of capture
  -- last_feed_seq either all (last_event_pk null) or those up to trace_event.id last_event_pk
  last_feed_seq bigint not null,
  last_event_pk bigint,
  -- scheduled subscriptions: the next slot
  next_run_at timestamptz,
  -- after a failed delivery: not before this (backoff)
  next_attempt_at timestamptz,
  failed_attempts integer not null default 0,
  last_error text,
  last_error_at timestamptz,
  last_notified_at timestamptz,
  -- a dispatcher delivering to it holds it until then (so two processes never deliver the same events)
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  constraint trace_subscription_stream_or_schedule check (stream = (schedule is null)),
  constraint trace_subscription_schedule_object check (schedule is null or jsonb_typeof(schedule) = 'object')
);
create index trace_subscription_query_idx on trace_subscription (query_id, created_at, id);
create index trace_subscription_owner_idx on trace_subscription (owner_id);
comment on table trace_subscription is 'EPCIS 2.0 webhook subscriptions to named queries: owned by their creator, delivered with the creator''s scope';
comment on column trace_subscription.signature_token is 'Client-chosen HMAC-SHA256 key of the GS1-Signature header; never returned by the API';
comment on column trace_subscription.last_feed_seq is 'Delivery cursor on trace_capture.feed_seq (visibility order, not recordTime)';
