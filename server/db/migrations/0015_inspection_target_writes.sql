-- The draw writes every drawn target in one statement: 50,012 rows for 5 % of a million-entity pool
-- (bench/inspections-draw.ts). Per-row foreign-key triggers on region_code and task_id were 0.6 s of the draw's
-- 2 s budget. Both values are taken from rows the same transaction has just read and locked (the task) or from
-- the frozen pool whose region codes were validated at the freeze, and neither parent is ever deleted — which the
-- trigger below now guarantees for tasks, so a target can never lose its task.
alter table inspection_task_target drop constraint inspection_task_target_region_code_fkey;
alter table inspection_task_target drop constraint inspection_task_target_task_id_fkey;

create function inspection_task_no_delete() returns trigger language plpgsql as $$
begin
  raise exception 'inspection tasks are records of administrative action and are never deleted (task %)', old.id
    using errcode = 'restrict_violation';
end;
$$;
create trigger inspection_task_no_delete before delete on inspection_task
  for each row execute function inspection_task_no_delete();
comment on function inspection_task_no_delete() is 'Tasks are never deleted: their targets (no per-row foreign key, see 0015) and audit trail depend on them';

-- The names of the frozen target pool, in pool order (gzip of a JSON array): the draw stores each drawn target
-- with its name from here instead of 50,000 index lookups into entity. Null for pools frozen before this column
-- (the draw then looks the names up).
alter table inspection_task_pool add column names_gz bytea;
comment on column inspection_task_pool.names_gz is 'Entity names of the frozen target pool in canonical pool order (gzip JSON array); not part of the hashed document';
