-- Market entities (市场主体): the registry keyed by 统一社会信用代码 (GB 32100-2015), production licences,
-- certifications, an append-only timeline other modules write to (entities/index.ts appendEntityEvent),
-- and a record of bulk imports. Enumerations mirror common/entity-api.ts.

create table entity (
  id uuid primary key default gen_random_uuid(),
  -- uppercase, checked by common/credit-code.ts before it gets here (the charset/length check is a backstop)
  credit_code text not null unique check (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$'),
  name text not null check (length(name) between 1 and 200),
  type text not null check (type in ('enterprise', 'individual_business', 'farmer_cooperative', 'other')),
  -- GB/T 4754-2017 code: division (2 digits), group (3) or class (4); the division table is common/industry.ts
  industry_code text check (industry_code ~ '^[0-9]{2,4}$'),
  region_code text not null references platform_region (code),
  address text,
  legal_representative text,
  established_on date,
  status text not null check (status in ('subsisting', 'operating', 'revoked', 'cancelled', 'moved_out')),
  special_lists text[] not null default '{}' check (special_lists <@ array['abnormal_operation', 'serious_violation']::text[]),
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  updated_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index entity_region_idx on entity (region_code);
create index entity_industry_idx on entity (industry_code text_pattern_ops);
create index entity_status_idx on entity (status);
create index entity_name_idx on entity (name);
create index entity_special_lists_idx on entity using gin (special_lists);
comment on table entity is '市场主体 registry; region_code is the township (乡镇/街道) of the 住所, and decides who may see the row';
comment on column entity.credit_code is '统一社会信用代码, GB 32100-2015: 18 characters, check character at position 18; unknown position-1/2 prefixes accepted';
comment on column entity.type is '主体类型: 企业 / 个体工商户 / 农民专业合作社 / 其他组织 (GB 32100 position 2 under registration department 9)';
comment on column entity.industry_code is '国民经济行业分类 GB/T 4754-2017 code (division, group or class)';
comment on column entity.status is '登记状态: 存续 / 在业 / 吊销 / 注销 / 迁出';
comment on column entity.special_lists is '经营异常名录 (企业信息公示暂行条例 第十七条) / 严重违法失信名单 (市场监督管理严重违法失信名单管理办法)';

create table entity_licence (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references entity (id),
  kind text not null check (kind in ('industrial_product', 'food_production', 'food_business', 'other')),
  number text not null,
  product_category text not null,
  issuer text,
  issued_on date not null,
  expires_on date not null,
  status text not null check (status in ('valid', 'suspended', 'revoked', 'cancelled')),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (expires_on >= issued_on),
  unique (kind, number)
);
create index entity_licence_entity_idx on entity_licence (entity_id);
create index entity_licence_expiry_idx on entity_licence (expires_on) where status = 'valid';
comment on table entity_licence is '生产许可证 and other licences: 工业产品生产许可证 (工业产品生产许可证管理条例), 食品生产/经营许可证; expired = valid status past expires_on';

create table entity_certification (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references entity (id),
  kind text not null check (kind in ('green_product', 'zhejiang_made', 'iso9001', 'iso14001', 'iso45001', 'haccp', 'ccc', 'other')),
  number text not null,
  issuer text not null,
  scope text,
  issued_on date not null,
  expires_on date,
  status text not null check (status in ('valid', 'suspended', 'withdrawn')),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (expires_on is null or expires_on >= issued_on),
  unique (kind, number)
);
create index entity_certification_entity_idx on entity_certification (entity_id);
comment on table entity_certification is '认证: 绿色产品认证, 品字标浙江制造, ISO 9001/14001/45001, HACCP, CCC …';

create table entity_import (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  file_sha256 text not null,
  format text not null check (format in ('xlsx', 'csv')),
  mode text not null check (mode in ('all_or_nothing', 'valid_only')),
  rows_read integer not null,
  rows_created integer not null,
  rows_updated integer not null,
  rows_unchanged integer not null,
  rows_failed integer not null,
  report jsonb not null,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now()
);
comment on table entity_import is 'Committed bulk imports (dry runs are not recorded): what was read, created, merged and refused';

create table entity_event (
  id bigint generated always as identity primary key,
  entity_id uuid not null references entity (id),
  -- calendar day in Asia/Shanghai the event happened (not when it was recorded)
  occurred_on date not null,
  kind text not null check (kind in (
    'registration', 'change', 'status', 'licence', 'certification', 'inspection', 'sampling', 'penalty',
    'abnormal_in', 'abnormal_out', 'serious_in', 'serious_out', 'complaint', 'note'
  )),
  summary text not null check (length(summary) between 1 and 500),
  -- the module that wrote it ('entities', 'inspections', 'risk' …) and its own reference (task id, sample no., URL)
  source_module text not null check (source_module ~ '^[a-z][a-z_]{1,31}$'),
  reference text,
  details jsonb,
  -- a writer's idempotency key: a retried outbox delivery finds its first event instead of adding a second
  dedupe_key text,
  recorded_at timestamptz not null default now(),
  recorded_by uuid references platform_user (id),
  is_demo boolean not null default false
);
create index entity_event_entity_idx on entity_event (entity_id, occurred_on desc, id desc);
create unique index entity_event_dedupe_key on entity_event (dedupe_key) where dedupe_key is not null;
comment on table entity_event is '主体时间轴 (registration, licence changes, inspections, penalties, list in/out, sampling …); append-only';

create function entity_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: a timeline event is never changed or deleted, a correction is a new event', tg_table_name;
end;
$$;
create trigger entity_event_append_only before update or delete on entity_event
  for each row execute function entity_event_append_only();
