import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Segmented, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { type CodeInput, composeBatchCode, parseCodeInput } from './codes';

type Mode = 'code' | 'batch';
type Errors = Partial<Record<'code' | 'gtin' | 'lot', string>>;

interface CodeSearchProps {
  /** the code being shown (from the address bar); the box follows it */
  value: string | null;
  onSearch: (code: string) => void;
  /** e.g. the trace direction switch, shown before the button */
  extra?: ReactNode;
  loading?: boolean;
  submitText?: string;
}

const EXAMPLE = 'https://id.gs1.org/01/06970000000116/10/DRINK-1';

/**
 * Where a trace starts: a code in any GS1 form, or 商品条码 + 批次号 composed into a batch Digital Link.
 * Everything is checked here first (GTIN check digit, lot characters), so a typo is named before any request.
 */
// The Form.Items have no `name` (the form state is ours), so antd does not tie their labels to the inputs: aria-label does.
export function CodeSearch({ value, onSearch, extra, loading, submitText = '查询' }: CodeSearchProps) {
  const [mode, setMode] = useState<Mode>('code');
  const [text, setText] = useState(value ?? '');
  const [gtin, setGtin] = useState('');
  const [lot, setLot] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  useEffect(() => {
    if (value === null) return;
    setText(value);
    setMode('code');
    setErrors({});
  }, [value]);

  const submit = () => {
    const result: CodeInput = mode === 'code' ? parseCodeInput(text) : composeBatchCode(gtin, lot);
    if (!result.ok) {
      setErrors({ [result.field]: result.message });
      return;
    }
    setErrors({});
    onSearch(result.code);
  };

  const status = (field: keyof Errors) => (errors[field] ? 'error' : undefined);

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      <Flex vertical gap={8}>
        <Segmented<Mode>
          value={mode}
          onChange={(next) => {
            setMode(next);
            setErrors({});
          }}
          options={[
            { value: 'code', label: '追溯码' },
            { value: 'batch', label: '商品条码 + 批次号' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <Flex gap={12} wrap align="flex-start">
          {mode === 'code' ? (
            <Form.Item
              label="追溯码"
              validateStatus={status('code')}
              help={errors.code ?? '支持 GS1 数字链接、EPC URN、商品条码、SSCC 或 (01)…(10)… 条码数据'}
              style={{ flex: '1 1 460px', marginBottom: 0 }}
            >
              <Input
                aria-label="追溯码"
                value={text}
                onChange={(event) => setText(event.target.value)}
                allowClear
                placeholder={`例如 ${EXAMPLE}`}
                maxLength={500}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                label="商品条码"
                validateStatus={status('gtin')}
                help={errors.gtin ?? '8、12、13 或 14 位，含校验位'}
                style={{ flex: '0 1 240px', marginBottom: 0 }}
              >
                <Input
                  aria-label="商品条码"
                  value={gtin}
                  onChange={(event) => setGtin(event.target.value)}
                  inputMode="numeric"
                  maxLength={14}
                  placeholder="例如 6970000000116"
                  allowClear
                />
              </Form.Item>
              <Form.Item label="批次号" validateStatus={status('lot')} help={errors.lot ?? '产品包装上的批号'} style={{ flex: '0 1 240px', marginBottom: 0 }}>
                <Input aria-label="批次号" value={lot} onChange={(event) => setLot(event.target.value)} maxLength={20} placeholder="例如 DRINK-1" allowClear />
              </Form.Item>
            </>
          )}
          <Form.Item label=" " colon={false} style={{ marginBottom: 0 }}>
            <Flex gap={12} wrap align="center">
              {extra}
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
                {submitText}
              </Button>
            </Flex>
          </Form.Item>
        </Flex>
        {mode === 'batch' ? (
          <Typography.Text type="secondary">将组合为 GS1 数字链接：https://id.gs1.org/01/〈14 位商品条码〉/10/〈批次号〉</Typography.Text>
        ) : null}
      </Flex>
    </Form>
  );
}
