-- 一码统管 with one code scheme: a product whose owner has no GS1 Company Prefix gets a GTIN that the platform
-- allocates under its own GS1 Company Prefix (PLATFORM_GS1_COMPANY_PREFIX; common/gs1/platform-code.ts), so every
-- product carries the same GS1 Digital Link codes <domain>/01/<gtin14>[/10/<lot>|/21/<serial>]. This replaces the
-- non-GS1 platform codes <domain>/p/<creditCode>/<productRef> of 0007.

create table trace_gtin_allocation (
  company_prefix text primary key check (company_prefix ~ '^\d{6,12}$'),
  last_item_ref bigint not null check (last_item_ref >= 0)
);
comment on table trace_gtin_allocation is
  '商品条码分配: per GS1 Company Prefix of the platform, the last item reference allocated; only ever incremented (row lock), so a GTIN is never allocated twice (GS1 GTIN Management Standard: no reuse)';
comment on column trace_gtin_allocation.last_item_ref is 'item reference of the last GTIN allocated under the prefix; the next is one more, up to 10^(12 - prefix length) - 1';

alter table trace_product add column gtin_issuer text not null default 'owner' check (gtin_issuer in ('owner', 'platform'));
comment on column trace_product.gtin_issuer is
  'owner: the enterprise''s own GTIN under its GS1 Company Prefix; platform: allocated by the platform under its own prefix for an owner without one (the product''s owner is enterprise_credit_code either way)';

alter table trace_product drop constraint trace_product_check;

-- Products registered with 0007's platform codes (development and demo databases only: nothing was deployed) get
-- GTINs under the GS1 demonstration prefix 9520000 (the default PLATFORM_GS1_COMPANY_PREFIX), in registration order:
-- prefix, 5-digit item reference, GS1 mod-10 check digit (weights 3,1,3,… from the rightmost data digit). Events
-- captured with /p/ identifiers keep them as captured.
with legacy as (
  select id, '9520000' || lpad((row_number() over (order by created_at, id) - 1)::text, 5, '0') as data
  from trace_product
  where gtin is null
),
checked as (
  select l.id, l.data,
    (10 - (select sum(substr(l.data, i, 1)::int * (case when i % 2 = 0 then 3 else 1 end)) from generate_series(1, 12) as i) % 10) % 10 as check_digit
  from legacy l
)
update trace_product p
set gtin = '0' || c.data || c.check_digit::text, gtin_issuer = 'platform'
from checked c
where p.id = c.id;

insert into trace_gtin_allocation (company_prefix, last_item_ref)
select '9520000', count(*) - 1 from trace_product where gtin_issuer = 'platform' having count(*) > 0;

alter table trace_product alter column gtin set not null;
-- productRef: the owner's own number for a product whose GTIN the platform allocated (what the enterprise calls it;
-- registering it twice is a 409 rather than a second GTIN); a GS1 product has none.
alter table trace_product add constraint trace_product_ref_check check ((gtin_issuer = 'platform') = (product_ref is not null));
comment on column trace_product.gtin is 'GTIN-14: the owner''s own, or allocated by the platform under its GS1 Company Prefix (gtin_issuer)';
comment on column trace_product.product_ref is 'the owner''s product number (1–30 GS1 CSET 82 characters) for a product with a platform-allocated GTIN; null for the owner''s own GTIN';
