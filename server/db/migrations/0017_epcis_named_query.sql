-- EPCIS 2.0 named queries (REST binding POST /queries): a SimpleEventQuery saved under a name, run through
-- GET /epcis/queries/{name}/events. A named query is a resource of the repository, visible to every EPCIS client;
-- it always runs with the caller's own access scope, so it stores no rows and grants nothing.

create table trace_named_query (
  id uuid primary key default gen_random_uuid(),
  -- the binding's path segment /queries/{queryName}: URL-safe (RFC 3986 unreserved), case-sensitive
  name text not null unique check (name ~ '^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$'),
  -- the query object as the client posted it (returned by GET /queries/{name})
  query jsonb not null check (jsonb_typeof(query) = 'object'),
  -- the same parameters as GET /epcis/events reads them: parameter name -> query-string value (lists pipe-delimited)
  parameters jsonb not null check (jsonb_typeof(parameters) = 'object'),
  created_by uuid not null references platform_user (id),
  enterprise_credit_code text,
  created_at timestamptz not null default now()
);
create index trace_named_query_created_by_idx on trace_named_query (created_by);
comment on table trace_named_query is 'EPCIS 2.0 named queries (REST binding /queries): shared by all EPCIS clients, run with the caller''s scope, deleted by their creator or the city';
comment on column trace_named_query.parameters is 'Normalised SimpleEventQuery parameters, exactly what GET /epcis/events would receive as its query string';
comment on column trace_named_query.enterprise_credit_code is 'The creator''s enterprise (统一社会信用代码) when an enterprise created it';
