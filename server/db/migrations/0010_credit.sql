-- 企业信用风险分类 (credit-risk classes A–D): a versioned factor model, monthly results with their score
-- breakdown, manual adjustments and a log of the runs. Computed by server/modules/entities/credit
-- (recompute.ts) from the entity timeline, licences and certifications; the pure scorer and the
-- default model are common/credit-risk/. Internal to regulators (国市监信发〔2022〕6号: a reference for
-- allocating supervision, not a published rating): no public or enterprise route reads these tables.
--
-- Timeline facts the model reads (entity_event, migration 0009):
--   sampling   details = {"conclusion": "合格" | "不合格", ...}  (written by the supervision-sampling module;
--              only "不合格" counts as a failure)
--   penalty, complaint                    counted inside the model's window by occurred_on
--   abnormal_in/abnormal_out, serious_in/serious_out   listed = the newest of the pair is the *_in event

create table entity_credit_model (
  version integer primary key check (version >= 1),
  -- first day of the first period (month) this version classifies; a period uses the newest version in force
  effective_from date not null check (extract(day from effective_from) = 1),
  base_score integer not null,
  -- {factor: rule} exactly as common/credit-risk/model.ts CreditFactorRules; validated before insert
  factors jsonb not null,
  -- {"A": n, "B": n, "C": n}: highest score of each class, above C is D
  thresholds jsonb not null,
  description text not null check (length(description) >= 20),
  -- the newest version (what new periods use); exactly one row is active
  is_active boolean not null default false,
  created_by uuid references platform_user (id),
  created_at timestamptz not null default now()
);
create unique index entity_credit_model_one_active on entity_credit_model (is_active) where is_active;
comment on table entity_credit_model is '信用风险分类评分模型: versioned and immutable (only is_active moves to the newest); results keep the version they were computed with, so a new version never rewrites old results';
comment on column entity_credit_model.factors is 'Factor rules (points, caps, windows, bands, list floors) — our documented choice, sources in description';

create function entity_credit_model_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'entity_credit_model rows are never deleted: results refer to them';
  end if;
  if (new.version, new.effective_from, new.base_score, new.factors, new.thresholds, new.description, new.created_by, new.created_at)
     is distinct from (old.version, old.effective_from, old.base_score, old.factors, old.thresholds, old.description, old.created_by, old.created_at) then
    raise exception 'a credit model version is immutable: create a new version instead';
  end if;
  return new;
end;
$$;
create trigger entity_credit_model_immutable before update or delete on entity_credit_model
  for each row execute function entity_credit_model_immutable();

-- A million rows a month: no foreign keys here (their per-row checks doubled the monthly run's write
-- time). entity rows are never deleted and entity_credit_model rows cannot be (trigger above); only
-- recompute.ts writes this table, from those two tables.
create table entity_credit_class (
  entity_id uuid not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- the computed class (thresholds and list floors of the model version)
  class text not null check (class in ('A', 'B', 'C', 'D')),
  score integer not null,
  -- {"base": n, "floor": "C"|null, "factors": {factor: [input value, points], ...}} for every factor of the model.
  -- json, not jsonb: kept exactly as the scorer wrote it and read whole, never searched inside; jsonb's
  -- re-encoding was half the monthly run's write time (bench/inspections-credit.ts)
  breakdown json not null,
  model_version integer not null,
  -- the day the facts were read as of: the period's last day, or the run day for the current month
  as_of date not null,
  computed_at timestamptz not null,
  -- to_class of the newest entity_credit_adjustment of this entity and period (kept across re-runs)
  adjusted_class text check (adjusted_class in ('A', 'B', 'C', 'D')),
  primary key (entity_id, period)
);
create index entity_credit_class_period_idx on entity_credit_class (period, (coalesce(adjusted_class, class)));
comment on table entity_credit_class is '企业信用风险分类结果, one row per entity and month; a re-run of a period replaces its computed rows and re-applies the adjustments';
comment on column entity_credit_class.class is 'Computed class: A 信用风险低 / B 一般 / C 较高 / D 高; the effective class is coalesce(adjusted_class, class)';
comment on column entity_credit_class.breakdown is 'Every factor''s input value and points, as scored: {"base", "floor", "factors": {code: [value, points]}} (json: stored as written)';

create table entity_credit_adjustment (
  id bigint generated always as identity primary key,
  entity_id uuid not null references entity (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  from_class text not null check (from_class in ('A', 'B', 'C', 'D')),
  to_class text not null check (to_class in ('A', 'B', 'C', 'D')),
  reason text not null check (length(btrim(reason)) between 5 and 500),
  adjusted_by uuid references platform_user (id),
  adjusted_at timestamptz not null default now()
);
create index entity_credit_adjustment_entity_idx on entity_credit_adjustment (entity_id, period, id desc);
create index entity_credit_adjustment_period_idx on entity_credit_adjustment (period);
comment on table entity_credit_adjustment is '人工调整: an officer moves an entity''s class for one period, with a reason (also in platform_audit); append-only, the newest wins';

create function entity_credit_adjustment_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: a later adjustment supersedes an earlier one', tg_table_name;
end;
$$;
create trigger entity_credit_adjustment_append_only before update or delete on entity_credit_adjustment
  for each row execute function entity_credit_adjustment_append_only();

create table entity_credit_run (
  id bigint generated always as identity primary key,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- null: the whole city; else the region subtree recomputed
  region_path text,
  model_version integer not null references entity_credit_model (version),
  as_of date not null,
  entities integer not null,
  counts jsonb not null,
  duration_ms integer not null,
  run_by text not null,
  finished_at timestamptz not null default now()
);
create index entity_credit_run_period_idx on entity_credit_run (period, id desc);
comment on table entity_credit_run is 'One row per recompute (CLI monthly cron, the page''s button, the demo seed): which periods exist and when they were computed';

insert into entity_credit_model (version, effective_from, base_score, factors, thresholds, description, is_active) values (
  1,
  -- 国市监信发〔2022〕6号 was issued in January 2022
  '2022-01-01',
  10,
  '{"sampling_failures":{"pointsEach":12,"maxPoints":36,"windowMonths":36},"penalties":{"pointsEach":10,"maxPoints":30,"windowMonths":36},"abnormal_operation":{"points":25,"minClass":"C"},"serious_violation":{"points":50,"minClass":"D"},"complaints":{"pointsEach":3,"maxPoints":15,"windowMonths":12},"licence_expired":{"pointsEach":10,"maxPoints":20},"licence_revoked":{"pointsEach":20,"maxPoints":40},"years_in_business":{"bands":[{"fromYears":0,"points":10},{"fromYears":1,"points":5},{"fromYears":3,"points":0},{"fromYears":10,"points":-5}],"unknownPoints":5},"certifications":{"pointsByKind":{"green_product":-8,"zhejiang_made":-8,"iso9001":-5,"haccp":-5,"iso14001":-3,"iso45001":-3},"minPoints":-15}}',
  '{"A":4,"B":24,"C":49}',
  '企业信用风险分类评分模型 第 1 版。分类依据：市场监管总局《关于推进企业信用风险分类管理进一步提升监管效能的意见》（国市监信发〔2022〕6号）——按信用风险由低到高分为 A（低）、B（一般）、C（较高）、D（高）四类，按月分类，结果仅作内部配置监管资源的参考，不对外公开；因子来源：国办发〔2015〕58号（投诉举报多、列入经营异常名录、有严重违法违规记录的主体加大抽查力度），质检总局公告2012年第74号及浙江“三分”机制（以近 3 年监督抽查结果和质量管理体系状况分类企业），工业产品生产许可证管理条例（许可证有效与否）。见 regulation.md §1、§6。本平台的文档化取值（非法规规定，可由新版本调整）：基础分 10；监督抽查不合格（近 36 个月）每次 +12、最多 +36；行政处罚（近 36 个月）每次 +10、最多 +30；列入经营异常名录 +25 且至少 C 类；列入严重违法失信名单 +50 且直接 D 类；投诉（近 12 个月）每件 +3、最多 +15；生产许可证过期每张 +10、最多 +20，被吊销或暂停每张 +20、最多 +40；成立不满 1 年 +10、1–3 年 +5、3–10 年 0、10 年以上 −5、成立日期不详 +5；有效的绿色产品认证、品字标浙江制造 各 −8，ISO 9001、HACCP 各 −5，ISO 14001、ISO 45001 各 −3，合计最多 −15；分界：≤4 为 A，5–24 为 B，25–49 为 C，≥50 为 D。',
  true
);
