import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Logo } from '../../../layout/Logo';
import { BRAND } from '../../../theme';

/** 公众端 frame of the inspection pages: no sign-in, readable on a phone. */
export function PublicShell({ subtitle, children }: { subtitle: string; children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 10, background: BRAND.header, paddingInline: 16 }}>
        <Logo size={30} />
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          质量数智平台
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.8)', marginInlineStart: 8 }} ellipsis>
          {subtitle}
        </Typography.Text>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 12px', width: '100%', maxWidth: 1040, margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 16px' }}>
        湖州市市场监督管理局 主办 · <Link to="/public/inspections">抽查结果公示</Link> · <Link to="/login">工作人员登录</Link>
      </Layout.Footer>
    </Layout>
  );
}
