-- Plan module: plans and their indicators (表1), yearly values with an approval workflow, reference
-- series for text targets, county targets, attachments, evaluation snapshots, assessment rubrics
-- and the key-project register (附件).

create table plan_plan (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  base_year integer not null,
  start_year integer not null,
  end_year integer not null,
  status text not null default 'active' check (status in ('draft', 'active', 'closed')),
  source_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (base_year < start_year and start_year <= end_year)
);
comment on table plan_plan is '规划 (e.g. 湖州市质量发展"十四五"规划); more than one plan may exist';

create table plan_indicator (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan_plan (id),
  code text not null,
  seq integer not null,
  category text not null,
  sub_category text,
  name text not null,
  unit text not null,
  target_value numeric,
  target_text text,
  target_year integer not null,
  direction smallint not null check (direction in (1, -1)),
  accumulation text not null check (accumulation in ('level', 'increment', 'cumulative')),
  region_rollup text not null check (region_rollup in ('sum', 'none')),
  baseline_value numeric,
  baseline_source text,
  lead_unit text,
  value_min numeric,
  value_max numeric,
  yoy_band numeric not null default 0.5 check (yoy_band > 0),
  limit_value numeric,
  decimals smallint not null default 2 check (decimals between 0 and 6),
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Deferred: an import or an edit may swap two indicators' numbers within one transaction.
  unique (plan_id, code) deferrable initially deferred,
  unique (plan_id, seq) deferrable initially deferred,
  check (target_value is not null or target_text is not null)
);
comment on table plan_indicator is '规划指标 (表1); the baseline year is the plan''s base year';
comment on column plan_indicator.accumulation is 'level: 水平值 measured each year; increment: 新增, yearly additions summed over the plan; cumulative: 累计 running total';
comment on column plan_indicator.region_rollup is 'sum: county values add up to the city value; none: rates, the city value is entered, never summed';
comment on column plan_indicator.target_text is 'a target given as text in the plan (达到省指标): resolved against plan_reference_value';

create table plan_indicator_unit (
  indicator_id uuid not null references plan_indicator (id),
  region_code text not null references platform_region (code),
  unit_name text not null,
  primary key (indicator_id, region_code)
);
comment on table plan_indicator_unit is '责任单位 per district/county';

create table plan_reference_value (
  indicator_id uuid not null references plan_indicator (id),
  year integer not null,
  value numeric not null,
  source text not null,
  updated_by uuid references platform_user (id),
  updated_at timestamptz not null default now(),
  primary key (indicator_id, year)
);
comment on table plan_reference_value is 'reference series (the provincial value per year) for text targets such as 达到省均目标值';

create table plan_region_target (
  indicator_id uuid not null references plan_indicator (id),
  region_code text not null references platform_region (code),
  target_value numeric not null,
  updated_by uuid references platform_user (id),
  updated_at timestamptz not null default now(),
  primary key (indicator_id, region_code)
);
comment on table plan_region_target is '分解目标: a district/county''s share of a summed city target';

create table plan_attachment (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  content bytea not null,
  region_code text not null references platform_region (code),
  uploaded_by uuid references platform_user (id),
  created_at timestamptz not null default now()
);

create table plan_value (
  id uuid primary key default gen_random_uuid(),
  indicator_id uuid not null references plan_indicator (id),
  region_code text not null references platform_region (code),
  year integer not null,
  period text not null default 'Y' check (period in ('Y', 'Q1', 'Q2', 'Q3', 'Q4')),
  version integer not null default 1 check (version >= 1),
  value numeric not null,
  numerator numeric,
  denominator numeric,
  source_note text,
  attachment_id uuid references plan_attachment (id),
  status text not null check (status in ('draft', 'submitted', 'returned', 'approved', 'superseded')),
  correction_reason text,
  return_reason text,
  warnings jsonb not null default '[]',
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_by uuid references platform_user (id),
  submitted_at timestamptz,
  reviewed_by uuid references platform_user (id),
  reviewed_at timestamptz,
  unique (indicator_id, region_code, year, period, version),
  check (version = 1 or correction_reason is not null)
);
-- One open version and one published version per cell at most.
create unique index plan_value_open_key on plan_value (indicator_id, region_code, year, period) where status in ('draft', 'submitted', 'returned');
create unique index plan_value_published_key on plan_value (indicator_id, region_code, year, period) where status = 'approved';
create index plan_value_status_idx on plan_value (status, year);
create index plan_value_region_idx on plan_value (region_code, year);
comment on table plan_value is '指标数据: one row per version of a (indicator, region, year, period) cell; approved rows are locked, a correction is a new version';

-- History is never overwritten: an approved or superseded version keeps its content forever; the
-- only change allowed is approved → superseded when a correction is approved.
create function plan_value_locked() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status in ('approved', 'superseded') then
      raise exception 'plan_value % is published and cannot be deleted', old.id;
    end if;
    return old;
  end if;
  if old.status = 'superseded' or (old.status = 'approved' and new.status <> 'superseded') then
    raise exception 'plan_value % is published and locked', old.id;
  end if;
  if old.status = 'approved' and (new.value is distinct from old.value or new.numerator is distinct from old.numerator
      or new.denominator is distinct from old.denominator or new.source_note is distinct from old.source_note
      or new.attachment_id is distinct from old.attachment_id or new.version <> old.version or new.year <> old.year
      or new.region_code <> old.region_code or new.indicator_id <> old.indicator_id) then
    raise exception 'plan_value % is published and locked', old.id;
  end if;
  return new;
end;
$$;
create trigger plan_value_lock before update or delete on plan_value
  for each row execute function plan_value_locked();

create table plan_evaluation (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan_plan (id),
  kind text not null check (kind in ('annual', 'midterm', 'final')),
  data_year integer not null,
  as_of date not null,
  title text not null,
  narrative text not null default '',
  status text not null default 'draft' check (status in ('draft', 'frozen')),
  method_version text,
  snapshot jsonb,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  frozen_by uuid references platform_user (id),
  frozen_at timestamptz,
  check ((status = 'frozen') = (snapshot is not null and frozen_at is not null))
);
comment on table plan_evaluation is '评估 (年度评估 / 中期评估 / 终期评估): a frozen snapshot never changes';

create function plan_evaluation_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'frozen' then
    raise exception 'plan_evaluation % is frozen', old.id;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger plan_evaluation_freeze before update or delete on plan_evaluation
  for each row execute function plan_evaluation_frozen();

create table plan_rubric (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan_plan (id),
  year integer not null,
  version integer not null,
  weights jsonb not null,
  status_points jsonb not null,
  note text,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now(),
  unique (plan_id, year, version)
);
comment on table plan_rubric is '考核细则: weights per indicator and the share earned per status; every change is a new version';

create table plan_assessment_adjustment (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan_plan (id),
  year integer not null,
  region_code text not null references platform_region (code),
  kind text not null check (kind in ('bonus', 'penalty')),
  points numeric not null check (points > 0),
  reason text not null,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now()
);
create index plan_assessment_adjustment_idx on plan_assessment_adjustment (plan_id, year);

create table plan_project (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan_plan (id),
  kind text not null check (kind in ('reform', 'project', 'platform', 'policy')),
  seq integer not null,
  name text not null,
  description text not null,
  lead_unit text,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'completed', 'delayed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (plan_id, kind, seq)
);
comment on table plan_project is '附件: 重大改革 / 重大工程 / 重大平台 / 重大政策';

create table plan_milestone (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references plan_project (id),
  title text not null,
  due_date date not null,
  completed_at date,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index plan_milestone_project_idx on plan_milestone (project_id);

create table plan_project_update (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references plan_project (id),
  content text not null,
  status_after text check (status_after in ('not_started', 'in_progress', 'completed', 'delayed')),
  attachment_id uuid references plan_attachment (id),
  is_demo boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now()
);
create index plan_project_update_project_idx on plan_project_update (project_id, created_at);
