-- Platform: regions, accounts, sessions, settings, audit trail.

create table platform_region (
  code text primary key,
  name text not null,
  level text not null check (level in ('city', 'county', 'township')),
  parent_code text references platform_region (code),
  -- '/330500/330502/330502001/': a subtree is one prefix match (see server/platform/scope.ts)
  path text not null unique,
  sort_order integer not null
);
create index platform_region_path_idx on platform_region (path text_pattern_ops);
comment on table platform_region is '行政区划 (GB/T 2260 codes; township level: 9-digit 统计用区划代码 without the trailing 000)';

create table platform_user (
  id uuid primary key default gen_random_uuid(),
  username text not null,
  display_name text not null,
  role text not null check (role in ('city_admin', 'county_officer', 'inspector', 'enterprise')),
  region_code text not null references platform_region (code),
  enterprise_name text,
  enterprise_credit_code text,
  phone text,
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  must_change_password boolean not null default false,
  disabled_at timestamptz,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((role = 'enterprise') = (enterprise_name is not null))
);
create unique index platform_user_username_key on platform_user (lower(username));
create index platform_user_region_idx on platform_user (region_code);
comment on column platform_user.password_hash is 'argon2id (PHC string); 等保 2.0 三级: 身份鉴别';
comment on column platform_user.locked_until is '等保 2.0 三级: 登录失败处理 — locked after repeated failures until this time';

create table platform_session (
  -- SHA-256 of the cookie token: a leaked table does not leak live sessions
  id text primary key,
  user_id uuid not null references platform_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index platform_session_user_idx on platform_session (user_id);

create table platform_setting (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table platform_audit (
  seq bigint primary key,
  occurred_at timestamptz not null,
  actor_id uuid,
  actor_username text,
  actor_role text,
  ip text,
  user_agent text,
  request_id text,
  action text not null,
  entity_type text not null,
  entity_id text,
  region_code text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create index platform_audit_occurred_idx on platform_audit (occurred_at);
create index platform_audit_entity_idx on platform_audit (entity_type, entity_id);
comment on table platform_audit is '审计日志 (等保 2.0 三级: 安全审计). Append-only, hash-chained: hash = SHA-256(prev_hash || canonical row)';

-- The chain's tip, moved in the same transaction as each append: deleting the newest rows is detected too.
create table platform_audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash text not null
);

create function platform_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'platform_audit is append-only (% refused)', tg_op;
end;
$$;
create trigger platform_audit_no_update before update or delete on platform_audit
  for each row execute function platform_audit_append_only();
create trigger platform_audit_no_truncate before truncate on platform_audit
  for each statement execute function platform_audit_append_only();
