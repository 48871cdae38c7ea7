import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogin } from '../../api/platform';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLang, useT } from '../../i18n';
import { Logo } from '../../layout/Logo';
import { describeLoginError } from '../../lib/login-error';
import { safeReturnPath } from '../../session';
import { BRAND } from '../../theme';

interface LoginForm {
  username: string;
  password: string;
}

function Intro() {
  const t = useT();
  const { lang } = useLang();
  return (
    <Flex vertical gap={16} style={{ color: '#fff', maxWidth: 460 }}>
      <Flex align="center" gap={14}>
        <Logo size={56} />
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, letterSpacing: lang === 'zh' ? 4 : 0, fontSize: lang === 'zh' ? 40 : 30 }}>
          {t('app.name')}
        </Typography.Title>
      </Flex>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.92)', fontSize: 18 }}>{t('app.subtitle')}</Typography.Text>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', fontSize: 15 }}>{t('app.org')}</Typography.Text>
    </Flex>
  );
}

export default function Login() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  // Router state is untyped; AuthGate and SessionWatcher put `{ from }` there, safeReturnPath checks it.
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  const failure = login.isError ? describeLoginError(login.error, t, lang) : null;

  const submit = (values: LoginForm) => login.mutate(values, { onSuccess: () => navigate(from, { replace: true }) });

  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        background: `linear-gradient(135deg, ${BRAND.navyDark} 0%, ${BRAND.primary} 55%, #2f6fbf 100%)`,
      }}
    >
      <Flex justify="flex-end" style={{ padding: '16px 24px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center" wrap gap={64} style={{ padding: '24px 24px 48px' }}>
        <Intro />
        <Card style={{ width: 380, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('login.tip')}
          </Typography.Paragraph>
          {failure ? <Alert type="error" showIcon title={failure.message} description={failure.hint} style={{ marginBottom: 16 }} /> : null}
          <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to="/public/plan">{t('login.publicPlan')}</Link>
          </div>
        </Card>
      </Flex>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.6)', textAlign: 'center', padding: 16 }}>{t('app.copyright')}</Typography.Text>
    </Flex>
  );
}
