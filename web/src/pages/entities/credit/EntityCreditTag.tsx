import { Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useEntityCredit } from '../../../api/credit';
import { can } from '../../../lib/access';
import { useMeUser } from '../../../session';
import { AdjustClassModal, type AdjustTarget } from './AdjustClassModal';
import { CreditBreakdownDrawer } from './CreditBreakdownDrawer';
import { CLASS_COLORS, CREDIT_CLASS_LABELS } from './labels';

/**
 * The entity's newest credit-risk class on its detail page, for regulators only (enterprises never see
 * it); a click opens the breakdown. Nothing is shown while the entity has no class.
 */
export function EntityCreditTag({ entityId }: { entityId: string }) {
  const me = useMeUser();
  const allowed = can(me.role, 'entityCredit');
  const credit = useEntityCredit(entityId, allowed);
  const [open, setOpen] = useState(false);
  const [adjusting, setAdjusting] = useState<AdjustTarget | null>(null);
  const newest = credit.data?.records[0];
  if (!allowed || !newest) return null;
  return (
    <>
      <Tooltip title={`${newest.period} 期信用风险分类（内部参考，不公开）：风险分 ${newest.score}，点击查看评分明细`}>
        <Tag
          // Solid, in the class colour: it must not read as one more status tag beside 存续 and 演示数据.
          color={CLASS_COLORS[newest.class]}
          variant="solid"
          role="button"
          tabIndex={0}
          aria-label={`信用风险 ${newest.class} 类，查看评分明细`}
          style={{ cursor: 'pointer', marginInlineEnd: 0 }}
          onClick={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') setOpen(true);
          }}
        >
          信用风险 {newest.class} 类 · {CREDIT_CLASS_LABELS[newest.class].replace('信用风险', '')}
          {newest.adjusted ? '（调整）' : ''}
        </Tag>
      </Tooltip>
      <CreditBreakdownDrawer entityId={open ? entityId : null} onClose={() => setOpen(false)} onAdjust={setAdjusting} />
      <AdjustClassModal target={adjusting} onClose={() => setAdjusting(null)} />
    </>
  );
}
