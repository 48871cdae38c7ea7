-- Statutory holiday years entered by the city administrator from the State Council's yearly notice
-- (国务院办公厅关于YYYY年部分节假日安排的通知) while the chinese-days package does not carry that year yet
-- (server/modules/calendar; the rules in common/calendar/year-entry.ts). A published year that directly
-- continues the package's coverage becomes part of the calendar every working-day deadline is counted on.

create table calendar_year (
  -- chinese-days 1.5.7, the package this migration was written against, covers 2004–2026; a later package that
  -- covers an entered year supersedes it (the server then ignores the row)
  year integer primary key check (year > 2026 and year <= 2100),
  notice_number text not null check (length(btrim(notice_number)) between 1 and 100),
  notice_title text not null check (length(btrim(notice_title)) between 1 and 200),
  notice_published_on date not null check (extract(year from notice_published_on) <= year),
  notice_url text not null check (notice_url ~ '^https?://\S+$' and length(notice_url) <= 500),
  status text not null default 'draft' check (status in ('draft', 'published')),
  created_by uuid references platform_user (id),
  updated_by uuid references platform_user (id),
  published_by uuid references platform_user (id),
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'published') = (published_at is not null))
);
comment on table calendar_year is '法定节假日安排 entered from the State Council notice of the year; draft until published. Only published years that directly continue the package''s coverage count (no gaps)';
comment on column calendar_year.notice_number is '通知文号, e.g. 国办发明电〔2025〕7号 — the source every day of the year is read from';
comment on column calendar_year.notice_url is 'Where the notice was read (gov.cn)';
comment on column calendar_year.status is 'draft: being entered, not used; published: part of the statutory calendar (server/modules/calendar)';

create table calendar_year_day (
  -- one row per day: a day is a holiday or a make-up workday, never both, and is listed once
  day date primary key,
  year integer not null references calendar_year (year) on delete cascade,
  kind text not null check (kind in ('holiday', 'makeup_workday')),
  -- the statutory holiday the day belongs to (the block's name; optional for a make-up workday)
  holiday_name text check (holiday_name in ('元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节')),
  check (extract(year from day) = year),
  check (kind = 'makeup_workday' or holiday_name is not null),
  -- 调休上班 turns a Saturday or Sunday into a working day (isodow 6, 7)
  check (kind = 'holiday' or extract(isodow from day) in (6, 7))
);
create index calendar_year_day_year_idx on calendar_year_day (year, day);
comment on table calendar_year_day is 'The days of an entered year: holidays (放假, each day of a block, weekends inside it included) and make-up workdays (调休上班, Saturdays and Sundays only)';
