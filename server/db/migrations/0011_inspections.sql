-- 双随机、一公开 random inspections (shared/research/regulation.md §1): the inspector register, the inspection
-- item list, annual plans, tasks with their verifiable draw (common/draw/README.md), results, evidence and
-- publication. Enumerations mirror common/inspection-api.ts. Entities are referred to by credit code, never by a
-- foreign key into the entities module's tables (modules talk through index.ts).

create table inspection_inspector (
  -- also the opaque id the draw publishes (README §2): no name, no ID-card number enters the draw record
  id uuid primary key default gen_random_uuid(),
  user_id uuid unique references platform_user (id),
  name text not null check (length(name) between 1 and 50),
  badge_number text check (badge_number ~ '^[0-9A-Za-z-]{4,32}$'),
  badge_valid_until date,
  specialities text[] not null default '{}',
  home_region_code text not null references platform_region (code),
  region_code text not null references platform_region (code),
  active boolean not null default true,
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((badge_number is null) = (badge_valid_until is null))
);
create unique index inspection_inspector_badge on inspection_inspector (badge_number) where badge_number is not null;
create index inspection_inspector_region_idx on inspection_inspector (region_code);
comment on table inspection_inspector is '执法检查人员名录库 (国发〔2019〕5号: 两库); region_code is the bureau whose register holds the inspector and decides who may see the row';
comment on column inspection_inspector.badge_number is '执法证号; with badge_valid_until it makes the inspector certified (行政处罚法 第42条: at least two certified officers)';
comment on column inspection_inspector.home_region_code is 'Township (or county) the inspector lives/works in, for the region rule of the draw (not in his own township/county)';

create table inspection_inspector_conflict (
  inspector_id uuid not null references inspection_inspector (id),
  credit_code text not null check (credit_code ~ '^[0-9A-Z]{18}$'),
  reason text not null check (length(reason) between 1 and 200),
  declared_at timestamptz not null default now(),
  declared_by uuid references platform_user (id),
  primary key (inspector_id, credit_code)
);
comment on table inspection_inspector_conflict is '回避 declared in advance (行政处罚法 第43条): the inspector is never drawn for this entity';

create table inspection_item (
  id uuid primary key default gen_random_uuid(),
  code text not null check (code ~ '^[A-Za-z0-9-]{1,32}$'),
  version integer not null check (version >= 1),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('general', 'key')),
  legal_basis text not null check (length(legal_basis) between 1 and 2000),
  subject text,
  method text,
  status text not null check (status in ('current', 'superseded', 'retired')),
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  unique (code, version)
);
create unique index inspection_item_current on inspection_item (code) where status = 'current';
comment on table inspection_item is '随机抽查事项清单 (国办发〔2015〕58号: no inspection without a legal basis); versioned, public; a task keeps the version it was planned with';
comment on column inspection_item.kind is '一般检查事项 (ratio strictly limited) / 重点检查事项 (no upper limit), 国市监信〔2019〕38号';

create table inspection_plan (
  id uuid primary key default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  name text not null check (length(name) between 1 and 200),
  region_code text not null references platform_region (code),
  ratio_a integer not null check (ratio_a between 0 and 10000),
  ratio_b integer not null check (ratio_b between 0 and 10000),
  ratio_c integer not null check (ratio_c between 0 and 10000),
  ratio_d integer not null check (ratio_d between 0 and 10000),
  inspectors_per_target integer not null check (inspectors_per_target between 2 and 20),
  region_rule text not null check (region_rule in ('none', 'county', 'township')),
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index inspection_plan_region_idx on inspection_plan (region_code, year);
comment on table inspection_plan is '年度抽查计划 (国发〔2019〕5号), filed with the bureau one level up; ratios per credit class in basis points (国市监信发〔2022〕6号: differentiated by class)';

create table inspection_plan_item (
  plan_id uuid not null references inspection_plan (id),
  item_id uuid not null references inspection_item (id),
  primary key (plan_id, item_id)
);

create table inspection_task (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid references inspection_plan (id),
  kind text not null check (kind in ('random', 'non_random')),
  name text not null check (length(name) between 1 and 200),
  region_code text not null references platform_region (code),
  trigger_reason text check (length(trigger_reason) between 1 and 1000),
  scope jsonb not null,
  ratio_a integer not null check (ratio_a between 0 and 10000),
  ratio_b integer not null check (ratio_b between 0 and 10000),
  ratio_c integer not null check (ratio_c between 0 and 10000),
  ratio_d integer not null check (ratio_d between 0 and 10000),
  inspectors_per_target integer not null check (inspectors_per_target between 2 and 20),
  region_rule text not null check (region_rule in ('none', 'county', 'township')),
  max_targets_per_inspector integer check (max_targets_per_inspector >= 1),
  starts_on date,
  deadline date,
  status text not null check (status in ('draft', 'frozen', 'committed', 'drawn', 'in_progress', 'finished', 'published')),
  pool_hash text check (pool_hash ~ '^[0-9a-f]{64}$'),
  target_pool_size integer,
  inspector_pool_size integer,
  frozen_at timestamptz,
  frozen_by uuid references platform_user (id),
  -- the secret of the draw: stored at commit, returned by no endpoint before drawn_at (README §4)
  seed text check (seed ~ '^[0-9a-f]{64}$'),
  commitment text check (commitment ~ '^[0-9a-f]{64}$'),
  committed_at timestamptz,
  public_entropy text,
  witness text check (length(witness) <= 100),
  drawn_at timestamptz,
  drawn_by uuid references platform_user (id),
  strata jsonb,
  ended_on date,
  finished_at timestamptz,
  publication_due date,
  publication_due_error text,
  published_at timestamptz,
  published_by uuid references platform_user (id),
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind = 'random' or trigger_reason is not null),
  check (kind = 'random' or status in ('draft', 'in_progress', 'finished', 'published')),
  check (status in ('draft') or kind = 'non_random' or pool_hash is not null),
  check (status in ('draft', 'frozen') or kind = 'non_random' or (seed is not null and commitment is not null)),
  check (status in ('draft', 'frozen', 'committed') or kind = 'non_random' or drawn_at is not null)
);
create index inspection_task_region_idx on inspection_task (region_code, status);
create index inspection_task_plan_idx on inspection_task (plan_id);
create index inspection_task_published_idx on inspection_task (published_at desc) where status = 'published';
comment on table inspection_task is '抽查任务: random (双随机, verifiable draw of common/draw/README.md) or non_random (非随机: complaint/clue-triggered, trigger_reason required)';
comment on column inspection_task.publication_due is '20 working days after ended_on (企业信息公示暂行条例 第六条); null with publication_due_error when the statutory calendar does not cover it';
comment on column inspection_task.public_entropy is 'Value announced at the draw by a witness (README §5), used exactly as entered';

create table inspection_task_item (
  task_id uuid not null references inspection_task (id),
  item_id uuid not null references inspection_item (id),
  primary key (task_id, item_id)
);

-- The frozen pools: the canonical document of README §3 (whose SHA-256 is pool_hash), gzip-compressed. One row
-- per task, apart from the task row so that listing tasks never reads it.
create table inspection_task_pool (
  task_id uuid primary key references inspection_task (id),
  canonical_gz bytea not null,
  byte_length integer not null
);
comment on table inspection_task_pool is 'Snapshot of the target and inspector pools at freeze: gzip of the zhiliang-draw/1 canonical document';

create table inspection_task_target (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references inspection_task (id),
  draw_order integer not null check (draw_order >= 0),
  credit_code text not null check (credit_code ~ '^[0-9A-Z]{18}$'),
  entity_name text not null,
  region_code text not null references platform_region (code),
  risk_class text check (risk_class in ('A', 'B', 'C', 'D')),
  -- inspection_inspector ids in draw order, after any redraws (README §9 targets[i].inspectors)
  inspector_ids uuid[] not null check (cardinality(inspector_ids) >= 2),
  result_category text check (result_category in (
    'no_problem', 'rectified', 'unqualified', 'not_publicised', 'false_publicity', 'unreachable',
    'pending_follow_up', 'no_activity', 'uncooperative', 'other'
  )),
  findings text check (length(findings) <= 4000),
  inspected_on date,
  result_recorded_at timestamptz,
  result_recorded_by uuid references platform_user (id),
  rectification_due date,
  recheck_on date,
  recheck_result text check (length(recheck_result) <= 2000),
  is_demo boolean not null default false,
  unique (task_id, credit_code),
  unique (task_id, draw_order),
  check ((result_category is null) = (inspected_on is null))
);
create index inspection_task_target_inspectors_idx on inspection_task_target using gin (inspector_ids);
comment on table inspection_task_target is 'Drawn (or, for non-random tasks, chosen) targets with their inspectors and results; risk_class is internal and never public';
comment on column inspection_task_target.result_category is '抽查检查结果 as published on 国家企业信用信息公示系统';
comment on column inspection_task_target.rectification_due is '整改期限; recheck_on / recheck_result: 复查';

create table inspection_recusal (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references inspection_task (id),
  target_id uuid not null references inspection_task_target (id),
  inspector_id uuid not null references inspection_inspector (id),
  reason text not null check (length(reason) between 1 and 500),
  status text not null check (status in ('pending', 'approved', 'rejected')),
  applied_by uuid not null references platform_user (id),
  applied_at timestamptz not null default now(),
  decided_by uuid references platform_user (id),
  decided_at timestamptz,
  decision_note text check (length(decision_note) <= 500),
  -- README §8: the redraw number, and the inspector drawn in place of the recused one
  redraw_seq integer check (redraw_seq >= 1),
  replacement_id uuid references inspection_inspector (id),
  approved_by_name text,
  unique (task_id, redraw_seq),
  check ((status = 'approved') = (redraw_seq is not null and replacement_id is not null)),
  -- the agency head decides (行政处罚法 第43条), never the applicant
  check (decided_by is null or decided_by <> applied_by)
);
create index inspection_recusal_task_idx on inspection_recusal (task_id, applied_at);
create unique index inspection_recusal_pending on inspection_recusal (target_id, inspector_id) where status = 'pending';
comment on table inspection_recusal is '回避申请 after the draw (行政处罚法 第43条); an approval redraws one inspector for one target, logged in order and replayed by verification';

create table inspection_evidence (
  id uuid primary key default gen_random_uuid(),
  target_id uuid not null references inspection_task_target (id),
  file_name text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by uuid references platform_user (id),
  uploaded_at timestamptz not null default now()
);
create index inspection_evidence_target_idx on inspection_evidence (target_id);
comment on table inspection_evidence is 'Evidence files of an inspection result (≤ 5 MB each, SHA-256 recorded); internal, never public';
