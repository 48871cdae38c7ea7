import { Flex, Layout, Tag, Tooltip, Typography } from 'antd';
import { useDashboardSummary } from '../api/platform';
import type { Me } from '../api/platform-types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n';
import { useRegion } from '../region-context';
import { Logo } from './Logo';
import { RegionSwitcher } from './RegionSwitcher';
import { UserMenu } from './UserMenu';

interface HeaderBarProps {
  me: Me;
  onChangePassword: () => void;
  onLogout: () => void;
}

/** "演示数据" whenever the account or the figures on screen come from the demo seed. */
function DemoTag({ me }: { me: Me }) {
  const t = useT();
  const { regionCode } = useRegion();
  // Reads the home page's cached summary without fetching it from every page.
  const summary = useDashboardSummary(regionCode, false);
  if (!me.demo && !summary.data?.demo) return null;
  return (
    <Tooltip title={t('header.demoHint')}>
      <Tag color="gold" style={{ marginInlineEnd: 0 }}>
        {t('header.demo')}
      </Tag>
    </Tooltip>
  );
}

export function HeaderBar({ me, onChangePassword, onLogout }: HeaderBarProps) {
  const t = useT();
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, position: 'sticky', top: 0, zIndex: 10 }}>
      <Flex align="center" gap={10} style={{ minWidth: 0 }}>
        <Logo size={30} />
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', letterSpacing: 1 }}>
          {t('app.name')}
        </Typography.Title>
        <DemoTag me={me} />
      </Flex>
      <Flex align="center" gap={16} style={{ marginInlineStart: 'auto' }}>
        <RegionSwitcher />
        <LanguageSwitch />
        <UserMenu me={me} onChangePassword={onChangePassword} onLogout={onLogout} />
      </Flex>
    </Layout.Header>
  );
}
