import { App } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { createTask, type TaskDetail, type TaskUpdate, updateTask, useInspectionMutation } from '../../../api/inspections';
import { useMeUser } from '../../../session';
import { TaskFormModal } from './TaskFormModal';
import { defaultTaskFormValues, taskFormValuesOf, taskInputOf, taskUpdateOf } from './task-form';

/** 新建抽查任务: saved as a draft, then the task's page opens. */
export function NewTaskModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMeUser();
  const save = useInspectionMutation(createTask);
  const initialValues = useMemo(() => defaultTaskFormValues(me.regionCode), [me.regionCode]);
  return (
    <TaskFormModal
      open={open}
      onClose={onClose}
      title="新建抽查任务"
      okText="创建"
      initialValues={initialValues}
      onSubmit={async (v) => {
        const task = await save.mutateAsync(taskInputOf(v));
        message.success(`已创建任务：${task.name}`);
        onClose();
        navigate(`/inspections/tasks/${task.id}`);
      }}
    />
  );
}

/** 编辑草稿任务: the creation form, prefilled; only the changed fields are sent. */
export function EditTaskModal({ task, open, onClose }: { task: TaskDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useInspectionMutation((input: TaskUpdate) => updateTask(task.id, input));
  const editing = useMemo(() => ({ items: task.items, regionName: task.regionName }), [task.items, task.regionName]);
  return (
    <TaskFormModal
      open={open}
      onClose={onClose}
      title="编辑抽查任务"
      okText="保存修改"
      // The form reads these once per opening (it is destroyed when hidden), so a refetch never resets what is typed.
      initialValues={taskFormValuesOf(task)}
      editing={editing}
      onSubmit={async (v) => {
        const update = taskUpdateOf(v, task);
        if (Object.keys(update).length === 0) {
          message.info('未作修改');
          onClose();
          return;
        }
        await save.mutateAsync(update);
        message.success('任务已保存');
        onClose();
      }}
    />
  );
}
