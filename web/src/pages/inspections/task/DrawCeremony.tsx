import { CheckCircleFilled, CloseCircleFilled, LinkOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Popconfirm, Space, Statistic, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { commitmentOf, fromHex, verifyDraw } from '../../../../../common/draw/index.ts';
import { RISK_CLASSES } from '../../../../../common/draw/types.ts';
import { drawTask, getDrawRecord, type TaskDetail, taskStep, useInspectionMutation, useTargetPool, useVerification } from '../../../api/inspections';
import { useLocalise } from '../../../i18n';
import { groupHex, percent } from '../labels';

const STEP_OF: Record<TaskDetail['status'], number> = { draft: 0, frozen: 1, committed: 2, drawn: 4, in_progress: 4, finished: 4, published: 4 };

/** A digest people read out at the ceremony: monospace, in groups of 8, copyable. */
export function Digest({ value, label }: { value: string | null; label: string }) {
  return (
    <Typography.Text code copyable={value ? { text: value } : false} aria-label={label} style={{ fontSize: 15, wordBreak: 'break-all' }}>
      {groupHex(value)}
    </Typography.Text>
  );
}

function Verdict({ consistent, detail }: { consistent: boolean; detail: string }) {
  return consistent ? (
    <Alert type="success" showIcon icon={<CheckCircleFilled />} title="一致" description={detail} />
  ) : (
    <Alert type="error" showIcon icon={<CloseCircleFilled />} title="不一致" description={detail} />
  );
}

/** The verdict the browser computes itself from the full record (common/draw, the same code as the server and the CLI). */
function BrowserCheck({ taskId }: { taskId: string }) {
  const [state, setState] = useState<{ running: boolean; result: { consistent: boolean; detail: string } | null }>({ running: false, result: null });
  const run = async () => {
    setState({ running: true, result: null });
    try {
      const record = await getDrawRecord(taskId);
      const started = performance.now();
      const verdict = verifyDraw(record);
      const ms = Math.round(performance.now() - started);
      const d = verdict.firstDifference;
      setState({
        running: false,
        result: {
          consistent: verdict.consistent,
          detail: verdict.consistent
            ? `浏览器用公开算法（zhiliang-draw/1）重算 ${record.targetPool.length} 户名录、${record.inspectorPool.length} 名人员：结果与公布的一致（${ms} ms）`
            : `首个差异：${d?.path}（应为 ${JSON.stringify(d?.expected)}，公布为 ${JSON.stringify(d?.actual)}）`,
        },
      });
    } catch (err) {
      setState({ running: false, result: { consistent: false, detail: `无法取得摇号记录：${err instanceof Error ? err.message : String(err)}` } });
    }
  };
  return (
    <Flex vertical gap={8}>
      <Button icon={<SafetyCertificateOutlined />} loading={state.running} onClick={() => void run()} style={{ alignSelf: 'flex-start' }}>
        在本机浏览器中独立重算
      </Button>
      {state.result ? <Verdict consistent={state.result.consistent} detail={state.result.detail} /> : null}
    </Flex>
  );
}

/**
 * 摇号仪式 (common/draw/README.md §1), step by step: freeze the pools (poolHash) → publish the commitment (SHA-256 of
 * the secret seed) → the witness announces a value and the draw runs → the seed is revealed → anyone verifies.
 */
/** A captioned text field of the draw step (the caption is also its accessible name). */
function WitnessInput(p: { label: string; flex: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <Flex vertical gap={4} style={{ flex: p.flex }}>
      <Typography.Text>{p.label}</Typography.Text>
      <Input aria-label={p.label} size="large" maxLength={100} placeholder={p.placeholder} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
    </Flex>
  );
}

export function DrawCeremony({ task }: { task: TaskDetail }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [entropy, setEntropy] = useState('');
  const [witness, setWitness] = useState('');
  const step = useInspectionMutation((s: 'freeze' | 'unfreeze' | 'commit') => taskStep(task.id, s));
  const draw = useInspectionMutation(() => drawTask(task.id, { publicEntropy: entropy, witness: witness.trim() || null }));
  const current = STEP_OF[task.status];
  const drawn = current === 4;
  const pool = useTargetPool(
    {
      regionCode: task.regionCode,
      regionCodes: task.scope.regionCodes,
      industries: task.scope.industries,
      specialLists: task.scope.specialLists,
      statuses: task.scope.statuses,
      page: 1,
      pageSize: 1,
    },
    task.status === 'draft' && task.canManage,
  );
  const verification = useVerification(task.id, drawn && task.canManage);
  const onError = (error: Error) => message.error(localise(error.message));
  const run = (s: 'freeze' | 'unfreeze' | 'commit', done: string) => step.mutate(s, { onSuccess: () => message.success(done), onError });
  // The commitment check anyone can do by hand: SHA-256 of the revealed seed's 32 bytes.
  const seedBytes = task.draw.seed ? fromHex(task.draw.seed) : null;
  const seedMatches = seedBytes ? commitmentOf(seedBytes) === task.draw.commitment : null;

  const panels = [
    <Flex key="freeze" vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>
        冻结本任务的检查对象名录库（按任务范围筛选的市场主体及其当月信用风险分类）和执法检查人员名录库（执法资格、属地、已申报的回避）， 生成名录哈希
        poolHash。冻结后名录不可更改，任何增删都会改变哈希。
      </Typography.Paragraph>
      {pool.data ? (
        <Flex gap={24} wrap>
          <Statistic title="名录内主体" value={pool.data.total} suffix="户" />
          {RISK_CLASSES.map((c) => (
            <Statistic key={c} title={`${c} 类（抽 ${percent(task.ratioBasisPoints[c])}）`} value={pool.data.byClass[c]} />
          ))}
        </Flex>
      ) : null}
      {pool.data && pool.data.unclassified > 0 ? (
        <Alert type="warning" showIcon title={`有 ${pool.data.unclassified} 户主体尚无信用风险分类，冻结会被拒绝：请先在“信用风险分类”中计算本月分类。`} />
      ) : null}
      {task.canManage ? (
        <Button type="primary" loading={step.isPending} onClick={() => run('freeze', '名录已冻结')} style={{ alignSelf: 'flex-start' }}>
          冻结名录
        </Button>
      ) : null}
    </Flex>,
    <Flex key="commit" vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="名录哈希 poolHash">
          <Digest value={task.draw.poolHash} label="名录哈希" />
        </Descriptions.Item>
        <Descriptions.Item label="名录规模">
          {task.draw.targetPoolSize} 户主体 · {task.draw.inspectorPoolSize} 名执法检查人员
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ margin: 0 }}>
        系统用密码学安全随机数生成 32 字节的种子并保密，只公布它的 SHA-256 摘要（承诺）。摇号前种子不会向任何人显示。
      </Typography.Paragraph>
      {task.canManage ? (
        <Space>
          <Button type="primary" loading={step.isPending} onClick={() => run('commit', '承诺已发布')}>
            发布承诺
          </Button>
          <Button onClick={() => run('unfreeze', '已撤回冻结')} disabled={step.isPending}>
            撤回冻结
          </Button>
        </Space>
      ) : null}
    </Flex>,
    <Flex key="draw" vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="承诺（种子的 SHA-256）">
          <Digest value={task.draw.commitment} label="承诺" />
        </Descriptions.Item>
        <Descriptions.Item label="名录哈希 poolHash">
          <Digest value={task.draw.poolHash} label="名录哈希" />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ margin: 0 }}>
        请现场见证人（如企业代表、人大代表）报出一个数或一段文字作为见证值。见证值与已承诺的种子共同决定结果：操作者无法预知见证值，见证人不知道种子，谁都无法操纵结果。
      </Typography.Paragraph>
      {task.canManage ? (
        <Flex gap={12} wrap align="flex-end">
          <WitnessInput label="见证值" flex="1 1 260px" placeholder="如：见证人报数 37194" value={entropy} onChange={setEntropy} />
          <WitnessInput label="见证人" flex="1 1 200px" placeholder="如：企业代表 张某" value={witness} onChange={setWitness} />
          <Popconfirm
            title="确认摇号？"
            description={entropy ? `见证值“${entropy}”将原样参与计算，摇号后不能更改。` : '未填写见证值，将以空值参与计算。'}
            okText="摇号"
            cancelText="取消"
            onConfirm={() => draw.mutate(undefined, { onSuccess: () => message.success('摇号完成，种子已公开'), onError })}
          >
            <Button type="primary" size="large" loading={draw.isPending}>
              摇号
            </Button>
          </Popconfirm>
          <Popconfirm
            title="撤回承诺？"
            description="未公开的种子将作废，需重新冻结名录并发布新的承诺；撤回记录留存审计。"
            okText="撤回"
            cancelText="取消"
            onConfirm={() => run('unfreeze', '已撤回承诺')}
          >
            <Button size="large">撤回承诺</Button>
          </Popconfirm>
        </Flex>
      ) : null}
    </Flex>,
    null,
    <Flex key="verify" vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="种子（摇号后公开）">
          <Digest value={task.draw.seed} label="种子" />
        </Descriptions.Item>
        <Descriptions.Item label="承诺">
          <Flex gap={8} align="center" wrap>
            <Digest value={task.draw.commitment} label="承诺" />
            {seedMatches === null ? null : seedMatches ? <Tag color="green">SHA-256(种子) = 承诺</Tag> : <Tag color="red">SHA-256(种子) ≠ 承诺</Tag>}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label="名录哈希 poolHash">
          <Digest value={task.draw.poolHash} label="名录哈希" />
        </Descriptions.Item>
        <Descriptions.Item label="见证值">
          <Typography.Text code>{task.draw.publicEntropy === '' ? '（空）' : task.draw.publicEntropy}</Typography.Text>
          {task.draw.witness ? <Typography.Text type="secondary"> · 见证人：{task.draw.witness}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label="摇号结果">
          共抽取 {task.targetCount} 户：
          {task.draw.strata?.map((s) => `${s.riskClass} 类 ${s.poolSize} 户中抽 ${s.drawn} 户`).join('，') ?? `名录 ${task.draw.targetPoolSize ?? '—'} 户`}
          {task.draw.redrawCount > 0 ? ` · 回避重抽 ${task.draw.redrawCount} 次` : ''}
        </Descriptions.Item>
      </Descriptions>
      {verification.data ? (
        <Verdict
          consistent={verification.data.consistent}
          detail={verification.data.consistent ? '服务器按公开算法从存档记录重算，结果与公布的一致。' : localise(verification.data.formatted)}
        />
      ) : null}
      {task.canManage ? <BrowserCheck taskId={task.id} /> : null}
      <Link to={`/public/inspections/${task.id}/verify`} target="_blank">
        <LinkOutlined /> 公开核验页（无需登录，可转发给见证人和社会公众）
      </Link>
    </Flex>,
  ];

  return (
    <Card title="摇号仪式">
      <Steps
        current={current}
        status={drawn ? 'finish' : 'process'}
        items={[
          { title: '冻结名录', content: task.draw.frozenAt ? '已生成名录哈希' : '' },
          { title: '发布承诺', content: task.draw.committedAt ? '种子已承诺' : '' },
          { title: '现场摇号', content: task.draw.drawnAt ? '见证值已录入' : '' },
          { title: '公开种子', content: task.draw.seed ? '种子已公开' : '' },
          { title: '核验', content: drawn ? '任何人可重算' : '' },
        ]}
        style={{ marginBottom: 24 }}
      />
      {panels[current]}
    </Card>
  );
}
