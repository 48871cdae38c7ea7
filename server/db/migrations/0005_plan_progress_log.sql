-- Progress results as computed, with the method and its version: one row each time an indicator's
-- result for a region changes (a value published, a correction, a reference value or county target
-- set). Append-only, so "when did 吴兴区's PM2.5 fall behind, and under which method version?" has an
-- answer, and a later change of method shows up as a new row rather than silently rewriting history.
create table plan_progress_log (
  id bigint generated always as identity primary key,
  indicator_id uuid not null references plan_indicator (id),
  region_code text not null references platform_region (code),
  data_year integer not null,
  status text not null,
  progress_value numeric,
  score numeric,
  current_value numeric,
  target_value numeric,
  method text not null,
  method_version text not null,
  components jsonb not null,
  cause text not null,
  computed_at timestamptz not null default now()
);
create index plan_progress_log_cell_idx on plan_progress_log (indicator_id, region_code, id desc);
comment on table plan_progress_log is '进展测算结果日志: append-only; a row is written only when the result changes';

create function plan_progress_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'plan_progress_log is append-only (% refused)', tg_op;
end;
$$;
create trigger plan_progress_log_append_only before update or delete on plan_progress_log
  for each row execute function plan_progress_log_append_only();
