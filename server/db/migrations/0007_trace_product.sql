-- Product master data for the consumer page of the trace module (一码统管): what a scanned code's
-- product is called, who makes it and how long it keeps. A GS1 product is keyed by its GTIN; a
-- product whose owner has no GS1 Company Prefix by the owner's credit code and its own product
-- reference (the platform code <domain>/p/<creditCode>/<productRef>, common/gs1/platform-code.ts) —
-- kept without the domain, so a change of the platform's public address does not orphan the rows.

create table trace_product (
  id uuid primary key default gen_random_uuid(),
  -- GTIN-14 (check digit verified by the service); null for a platform-coded product
  gtin text unique check (gtin ~ '^\d{14}$'),
  -- the owner's product reference in a platform code (1–30 GS1 CSET 82 characters); null for a GS1 product
  product_ref text,
  name text not null,
  brand text,
  spec text,
  category text,
  enterprise_credit_code text not null,
  enterprise_name text not null,
  origin text,
  shelf_life_days integer check (shelf_life_days > 0),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check ((gtin is null) <> (product_ref is null))
);
create unique index trace_product_platform_key on trace_product (enterprise_credit_code, product_ref) where product_ref is not null;
create index trace_product_enterprise_idx on trace_product (enterprise_credit_code, created_at);
comment on table trace_product is '追溯产品主数据: shown on the public consumer page of a scanned code (public data only: no prices, no contacts)';
comment on column trace_product.origin is '产地 as the owner declares it (shown to consumers when the events carry no country of origin)';
comment on column trace_product.shelf_life_days is '保质期（天）: expiry = production date + shelf life when the events give no expiry date';
