import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { checkCalendarYearEntry } from '../../../../../common/calendar/year-entry.ts';
import { type CalendarYear, createYear, HOLIDAY_NAMES, updateYear, useCalendarMutation } from '../../../api/calendar';
import { isApiError } from '../../../api/client';
import { useLocalise } from '../../../i18n';
import { marksFromEntry } from './month-grid';
import { YearGrid } from './YearGrid';
import { chineseHalf, formFieldOf, toFormValues, toYearInput, type YearFormValues } from './year-form-values';

/**
 * 录入/修改某年的节假日安排（草稿）: the notice's number, title, date and URL, the holiday blocks as date ranges and the
 * make-up workdays, with the year drawn as month grids as it is typed. The rules are checked as the form is filled in
 * (the same functions the server runs); saving keeps a draft — publishing is a separate, confirmed step.
 */
export function YearFormDrawer({ year, existing, onClose }: { year: number; existing: CalendarYear | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<YearFormValues>();
  const values = Form.useWatch([], form) as YearFormValues | undefined;
  const save = useCalendarMutation((input: YearFormValues) => (existing ? updateYear(year, toYearInput(input)) : createYear({ year, ...toYearInput(input) })));

  useEffect(() => {
    form.setFieldsValue(
      existing ? toFormValues(existing) : { noticeTitle: `国务院办公厅关于${year}年部分节假日安排的通知`, holidays: [{ name: '元旦' }], makeupWorkdays: [] },
    );
  }, [existing, form, year]);

  const input = useMemo(() => toYearInput(values ?? {}), [values]);
  const marks = useMemo(() => marksFromEntry(input.holidays, input.makeupWorkdays), [input]);
  // Rules on the dates entered so far (blank rows are the required rules' business).
  const issues = useMemo(
    () =>
      checkCalendarYearEntry(year, {
        ...input,
        holidays: input.holidays.filter((b) => b.firstDay && b.lastDay),
        makeupWorkdays: input.makeupWorkdays.filter(Boolean),
      }).filter((i) => i.field.startsWith('body.holidays') || i.field.startsWith('body.makeupWorkdays')),
    [input, year],
  );

  const submit = (v: YearFormValues) =>
    save.mutate(v, {
      onSuccess: () => {
        message.success(`${year} 年安排已保存为草稿，核对无误后请在列表中发布`);
        onClose();
      },
      onError: (error) => {
        if (isApiError(error)) {
          const fields = error.details.flatMap((d) => {
            const name = d.field ? formFieldOf(d.field) : null;
            return name ? [{ name, errors: [chineseHalf(localise(d.message ?? d.rule ?? error.message))] }] : [];
          });
          if (fields.length > 0) form.setFields(fields);
        }
        message.error(`保存失败：${localise(error.message)}`);
      },
    });

  return (
    <Drawer
      open
      title={`${existing ? '修改' : '录入'} ${year} 年法定节假日安排（草稿）`}
      size={1080}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          保存草稿
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Alert
          type="info"
          showIcon
          title="请逐项照《国务院办公厅关于部分节假日安排的通知》原文录入"
          description="放假安排按段录入（如“春节：2月15日至23日放假调休”录为 春节 + 起止日期，起止日均含）；调休上班日只能是周六或周日。只能录入当年的日期。保存后为草稿，不影响任何期限计算；发布后才计入法定工作日历。"
        />
        <Form<YearFormValues> form={form} layout="vertical" onFinish={submit} requiredMark>
          <Flex gap={16} wrap>
            <Form.Item name="noticeNumber" label="通知文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }]} style={{ flex: '1 1 220px' }}>
              <Input maxLength={100} placeholder="国办发明电〔YYYY〕N号" />
            </Form.Item>
            <Form.Item name="noticePublishedOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]} style={{ flex: '0 0 180px' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="noticeTitle" label="通知标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]} style={{ flex: '2 1 360px' }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="noticeUrl"
            label="原文网址"
            rules={[
              { required: true, message: '请填写原文网址' },
              { pattern: /^https?:\/\/\S+$/, message: '应为 http:// 或 https:// 开头的网址' },
            ]}
          >
            <Input maxLength={500} placeholder="https://www.gov.cn/…" />
          </Form.Item>

          <Flex gap={16} wrap align="flex-start">
            <Card size="small" title="放假安排" style={{ flex: '2 1 520px' }}>
              <Form.List name="holidays">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={4}>
                    {fields.map((field, i) => (
                      <Flex key={field.key} gap={8} align="flex-start">
                        <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请选择节日' }]} style={{ width: 120, marginBottom: 8 }}>
                          <Select aria-label={`第 ${i + 1} 段节日`} options={HOLIDAY_NAMES.map((n) => ({ value: n, label: n }))} placeholder="节日" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: '请选择起止日期' }]} style={{ flex: 1, marginBottom: 8 }}>
                          <DatePicker.RangePicker
                            aria-label={`第 ${i + 1} 段放假起止日期`}
                            style={{ width: '100%' }}
                            defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                          />
                        </Form.Item>
                        <Button aria-label={`删除第 ${i + 1} 段`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length === 1} />
                      </Flex>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      添加一段假期
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Card>
            <Card size="small" title="调休上班日（周六、周日）" style={{ flex: '1 1 260px' }}>
              <Form.List name="makeupWorkdays">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={4}>
                    {fields.map((field, i) => (
                      <Flex key={field.key} gap={8} align="flex-start">
                        <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: '请选择日期' }]} style={{ flex: 1, marginBottom: 8 }}>
                          <DatePicker aria-label={`第 ${i + 1} 个调休上班日`} style={{ width: '100%' }} defaultPickerValue={dayjs(`${year}-01-01`)} />
                        </Form.Item>
                        <Button aria-label={`删除第 ${i + 1} 个调休上班日`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                      </Flex>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      添加调休上班日
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Card>
          </Flex>
        </Form>

        {issues.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title="请核对以下日期"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {issues.map((issue) => (
                  <li key={`${issue.field}-${issue.rule}`}>{chineseHalf(issue.message)}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Card size="small" title={`${year} 年预览`}>
          {marks.size === 0 ? <Typography.Text type="secondary">录入放假安排后，在此按月显示。</Typography.Text> : <YearGrid year={year} marks={marks} />}
        </Card>
      </Flex>
    </Drawer>
  );
}
