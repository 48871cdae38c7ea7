import { EnvironmentOutlined } from '@ant-design/icons';
import { Cascader, Tag } from 'antd';
import { useT } from '../i18n';
import { regionPath, toCascaderOptions } from '../lib/regions';
import { useRegion } from '../region-context';

/** City administrators pick any region; everyone else sees their own region as a fixed tag. */
export function RegionSwitcher() {
  const t = useT();
  const { regionCode, regionName, canSwitch, setRegionCode, tree } = useRegion();

  if (!canSwitch) {
    return (
      <Tag icon={<EnvironmentOutlined />} color="blue" title={t('header.regionFixed')} style={{ marginInlineEnd: 0 }}>
        {regionName}
      </Tag>
    );
  }
  return (
    <Cascader
      aria-label={t('header.region')}
      title={t('header.region')}
      style={{ width: 240 }}
      options={tree ? toCascaderOptions(tree) : []}
      loading={!tree}
      value={tree ? regionPath(tree, regionCode) : []}
      placeholder={regionName}
      changeOnSelect
      allowClear={false}
      expandTrigger="hover"
      displayRender={(labels) => labels.join(' / ')}
      onChange={(path) => {
        const code = path?.[path.length - 1];
        if (typeof code === 'string') setRegionCode(code);
      }}
    />
  );
}
