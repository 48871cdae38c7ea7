import { Card, Flex, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { InspectorRegister } from './registers/InspectorRegister';
import { TargetPool } from './registers/TargetPool';

/** 两库: the inspector register and the target pool (国发〔2019〕5号). */
export default function Registers() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'targets' ? 'targets' : 'inspectors';
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          名录库
        </Typography.Title>
        <Typography.Text type="secondary">执法检查人员名录库与检查对象名录库（“两库”），随人员和市场主体变化及时更新</Typography.Text>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'targets' ? { tab: 'targets' } : {})}
          items={[
            { key: 'inspectors', label: '执法检查人员名录库', children: <InspectorRegister /> },
            { key: 'targets', label: '检查对象名录库', children: <TargetPool /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
