import { Segmented } from 'antd';
import { type Lang, useLang, useT } from '../i18n';

/** 中文 / English; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      aria-label={t('header.language')}
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
