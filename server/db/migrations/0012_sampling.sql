-- Supervision sampling (监督抽查) and product grading (产品分级、企业分类、区域分色, the Zhejiang "三分"),
-- part of the inspections module (server/modules/inspections/sampling, …/grading); and the platform
-- outbox that carries facts from one module to another (server/platform/outbox.ts).
-- Rules and their sources: docs in server/modules/inspections/sampling/README.md and common/sampling/.

-- ---- outbox --------------------------------------------------------------------------------------

create table platform_outbox (
  id bigint generated always as identity primary key,
  -- what happened, named by the writer: 'risk.sampling_failed' …
  topic text not null check (topic ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  -- the writer's idempotency key within the topic (a sample id …): a retried write adds nothing
  key text not null check (length(key) between 1 and 200),
  payload jsonb not null,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  attempts integer not null default 0 check (attempts >= 0),
  unique (topic, key)
);
create index platform_outbox_pending_idx on platform_outbox (topic, id) where delivered_at is null;
comment on table platform_outbox is 'Transactional outbox: a module writes a fact here in the transaction that caused it; the consuming module reads undelivered rows, handles them idempotently and sets delivered_at';
comment on column platform_outbox.payload is 'Topic-specific JSON, documented where the topic is written (e.g. risk.sampling_failed: inspections/sampling/finalize.ts)';

-- ---- product categories (产品分级) -----------------------------------------------------------------

create table sampling_category (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
  name text not null check (length(name) between 1 and 100),
  risk_level text not null check (risk_level in ('high', 'medium', 'low')),
  -- the 表1 indicator whose actual value this category's pass rate feeds (e.g. I02 基本药物抽检合格率), if any
  plan_indicator_code text check (plan_indicator_code ~ '^[A-Za-z0-9_-]{1,20}$'),
  basis text,
  -- which law's 复检/复验 window applies to its samples (common/sampling/retest.ts)
  retest_rule text not null default 'product_15d' check (retest_rule in ('product_15d', 'drug_7wd', 'food_7wd')),
  active boolean not null default true,
  version integer not null default 1 check (version >= 1),
  is_demo boolean not null default false,
  updated_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table sampling_category is '监督抽查产品目录 with the 产品分级 risk level (浙江“三分”: high / medium / low from product characteristics, quality data and sensitive factors)';
comment on column sampling_category.retest_rule is 'product_15d: 产品质量法 第十五条, 15 natural days; drug_7wd: 药品管理法 第一百零二条, 7 working days; food_7wd: 食品安全法 第八十八条, 7 working days';
comment on column sampling_category.risk_level is '产品风险等级 高/中/低 (regulation.md §6); a sample keeps the level its category had when it was sampled';

create table sampling_category_version (
  category_id uuid not null references sampling_category (id),
  version integer not null,
  code text not null,
  name text not null,
  risk_level text not null check (risk_level in ('high', 'medium', 'low')),
  plan_indicator_code text,
  basis text,
  retest_rule text not null,
  active boolean not null,
  reason text not null,
  changed_by uuid references platform_user (id),
  changed_at timestamptz not null default now(),
  primary key (category_id, version)
);
comment on table sampling_category_version is 'Every version of a category (append-only): what the risk level was, when, who changed it and why';

create function sampling_category_version_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: a category change is a new version', tg_table_name;
end;
$$;
create trigger sampling_category_version_append_only before update or delete on sampling_category_version
  for each row execute function sampling_category_version_append_only();

-- ---- sampling plans ---------------------------------------------------------------------------------

create table sampling_plan (
  id uuid primary key default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  category_id uuid not null references sampling_category (id),
  -- the city (市级计划) or a district/county (区县计划): decides who sees and edits it
  region_code text not null references platform_region (code),
  title text not null check (length(title) between 1 and 200),
  planned_batches integer not null check (planned_batches between 1 and 100000),
  notes text,
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (year, category_id, region_code)
);
create index sampling_plan_region_idx on sampling_plan (region_code, year);
comment on table sampling_plan is '监督抽查计划: batches planned per year, product category and region';

-- ---- samples and test items -------------------------------------------------------------------------

create sequence sampling_sample_no_seq;

create table sampling_sample (
  id uuid primary key default gen_random_uuid(),
  -- 抽样单编号, issued by the platform: CJ-<year>-<county>-<sequence>
  sample_no text not null unique,
  plan_id uuid references sampling_plan (id),
  category_id uuid not null references sampling_category (id),
  category_risk_level text not null check (category_risk_level in ('high', 'medium', 'low')),
  retest_rule text not null check (retest_rule in ('product_15d', 'drug_7wd', 'food_7wd')),
  -- the sampled market entity, read through the entities module's surface (findEntityByCreditCode);
  -- no foreign key: modules do not reach into each other's tables. Name and code as at sampling.
  entity_id uuid not null,
  entity_credit_code text not null,
  entity_name text not null,
  -- the entity's township: scope (county officers see their district/county) and the pass-rate region
  region_code text not null references platform_region (code),
  product_name text not null check (length(product_name) between 1 and 200),
  spec text,
  brand text,
  batch text,
  sampled_on date not null,
  sampling_place text,
  lab text,
  status text not null check (status in ('draft', 'issued', 'retest_requested', 'final')),
  -- from the test items (common/sampling/conclusion.ts); null while an item has no verdict
  computed_conclusion text check (computed_conclusion in ('pass', 'fail')),
  override_conclusion text check (override_conclusion in ('pass', 'fail')),
  override_reason text,
  -- the issued conclusion: override if any, else computed
  conclusion text check (conclusion in ('pass', 'fail')),
  report_no text,
  report_date date,
  -- the day the enterprise received the 不合格 result: the 15-day 复检 window runs from it
  notified_on date,
  retest_requested_on date,
  retest_note text,
  retest_lab text,
  retest_report_no text,
  retest_report_date date,
  retest_conclusion text check (retest_conclusion in ('pass', 'fail')),
  final_conclusion text check (final_conclusion in ('pass', 'fail')),
  final_via text check (final_via in ('issued', 'window_closed', 'retest')),
  final_on date,
  published_at timestamptz,
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((override_conclusion is null) = (override_reason is null)),
  check (status = 'draft' or (conclusion is not null and report_no is not null and report_date is not null)),
  check ((status = 'final') = (final_conclusion is not null and final_via is not null and final_on is not null)),
  check (published_at is null or final_conclusion = 'fail')
);
create index sampling_sample_region_idx on sampling_sample (region_code, sampled_on);
create index sampling_sample_entity_idx on sampling_sample (entity_id, sampled_on);
create index sampling_sample_credit_code_idx on sampling_sample (entity_credit_code);
create index sampling_sample_category_idx on sampling_sample (category_id, sampled_on);
create index sampling_sample_published_idx on sampling_sample (published_at) where published_at is not null;
comment on table sampling_sample is '监督抽查样品 (产品质量监督抽查管理暂行办法): one batch sampled from one enterprise, its test report and conclusion';
comment on column sampling_sample.notified_on is '企业收到检验结论之日: the 复检 window runs from it (产品质量法 第十五条: 15 natural days, the day of receipt not counted; see retest_rule)';
comment on column sampling_sample.retest_rule is 'the category''s 复检 rule when the sample was taken';
comment on column sampling_sample.final_conclusion is 'The conclusion that counts (合格率, 企业分类, timeline, risk signal): the issued one when 合格 or when no 复检 was asked within the window, else the 复检 one';
comment on column sampling_sample.override_reason is 'Why the issued conclusion differs from what the test items give (audited)';

create table sampling_test_item (
  id uuid primary key default gen_random_uuid(),
  sample_id uuid not null references sampling_sample (id),
  seq integer not null check (seq >= 1),
  name text not null check (length(name) between 1 and 200),
  method text,
  standard text,
  unit text,
  limit_min numeric,
  limit_max numeric,
  limit_text text,
  result_value numeric,
  result_text text,
  verdict text check (verdict in ('pass', 'fail')),
  verdict_source text check (verdict_source in ('computed', 'entered')),
  retest_value numeric,
  retest_text text,
  retest_verdict text check (retest_verdict in ('pass', 'fail')),
  unique (sample_id, seq),
  check (limit_min is null or limit_max is null or limit_min <= limit_max),
  check ((verdict is null) = (verdict_source is null))
);
comment on table sampling_test_item is '检验项目: method and standard, the limit (min/max inclusive, or a text requirement), the result and the per-item verdict; 复检 results beside the first ones';

-- ---- enterprise grading (企业分类) and region colours (区域分色) ----------------------------------------

create table sampling_grading_rule (
  version integer primary key check (version >= 1),
  params jsonb not null,
  reason text not null,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now()
);
comment on table sampling_grading_rule is 'Versioned parameters of the AA/A/B/C enterprise grading and the 红/黄/蓝/绿 region colours (common/sampling/grading.ts); the newest version applies';

-- Our rule where the Zhejiang "三分" sources are silent (regulation.md §6: enterprises AA/A/B/C from 3 years
-- of 监督抽查 results; regions by the share of C-class enterprises; no published thresholds found) — [P].
insert into sampling_grading_rule (version, params, reason) values (
  1,
  '{"windowYears": 3, "cMinFailures": 2, "cOnHighRiskFailure": true, "aaMinBatches": 3, "aaMinYears": 2, "colour": {"red": 0.10, "yellow": 0.05, "blue": 0.02}, "minGradedForColour": 3}',
  '初始规则（平台建议，待市局确认） / initial rule, our proposal pending the bureau''s confirmation'
);
