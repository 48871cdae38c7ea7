import { describe, expect, it } from 'vitest';
import { documentTypeLabel, readCaptureError } from './labels';

describe('capture job labels', () => {
  it('names document types in Chinese, and passes unknown ones through', () => {
    expect(documentTypeLabel('EPCISDocument')).toBe('EPCIS 文档');
    expect(documentTypeLabel('ObjectEvent')).toBe('单个事件 · 对象事件');
    expect(documentTypeLabel('SomethingNew')).toBe('SomethingNew');
    expect(documentTypeLabel(null)).toBe('—');
  });

  it('reads a recorded error with its field issues, and survives shapes it does not know', () => {
    expect(
      readCaptureError({
        type: 'urn:zhiliang:error:TRACE_LOCATION_NOT_YOURS',
        title: '地点不属于本企业 / not yours',
        status: 403,
        details: [{ field: '/epcisBody/eventList/0', rule: 'owned_location', message: '不属于本企业' }, 'plain'],
      }),
    ).toEqual({
      title: '地点不属于本企业 / not yours',
      code: 'TRACE_LOCATION_NOT_YOURS',
      status: 403,
      issues: [
        { field: '/epcisBody/eventList/0', rule: 'owned_location', message: '不属于本企业' },
        { field: null, rule: null, message: 'plain' },
      ],
    });
    expect(readCaptureError('boom')).toEqual({ title: 'boom', code: null, status: null, issues: [] });
    expect(readCaptureError({ message: 'm' }).title).toBe('m');
  });
});
