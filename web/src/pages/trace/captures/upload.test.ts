import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDocumentFile, inspectDocument, readDocumentFile } from './upload';

const EXAMPLE = path.resolve(
  import.meta.dirname,
  '../../../../../../shared/fixtures/epcis/gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent-with-pseudo-SBDH-headers.jsonld',
);
const doc = (events: unknown[]) =>
  JSON.stringify({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-12-07T00:00:00Z', epcisBody: { eventList: events } });

describe('an EPCIS file chosen for upload', () => {
  it('reads an official example and says what it holds', async () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const file = await readDocumentFile(Object.assign(new Blob([text]), { name: 'example.jsonld' }));
    expect(file.problem).toBeNull();
    expect(file.document).toEqual(JSON.parse(text));
    expect(file.eventCount).toBeGreaterThan(0);
    const rows = describeDocumentFile(file);
    expect(rows.map(([label]) => label)).toEqual(['文件', '文档', '事件']);
    expect(rows[2]?.[1]).toMatch(/^\d+ 个：对象事件 \d+/);
  });

  it('counts events per type in their order of appearance', () => {
    const file = inspectDocument('a.json', 100, doc([{ type: 'ObjectEvent' }, { type: 'AggregationEvent' }, { type: 'ObjectEvent' }]));
    expect(file.eventTypes).toEqual([
      ['ObjectEvent', 2],
      ['AggregationEvent', 1],
    ]);
    expect(file.eventCount).toBe(3);
  });

  it('refuses, before sending, what the server would refuse: too large, empty, not JSON, not a document, no or too many events', async () => {
    const problem = (name: string, size: number, text: string | null) => inspectDocument(name, size, text).problem;
    expect(problem('big.json', 17 * 1024 * 1024, null)).toBe('文件大小 17.0 MB，超过 16.0 MB 的上限，请分成几份上传');
    expect(problem('empty.json', 0, '')).toBe('文件是空的');
    expect(problem('bad.json', 5, '{"a":')).toMatch(/^不是有效的 JSON（/);
    expect(problem('event.json', 30, JSON.stringify({ type: 'ObjectEvent' }))).toMatch(/^不是 EPCIS 文档/);
    expect(problem('nobody.json', 30, JSON.stringify({ type: 'EPCISDocument' }))).toBe('文档中没有事件列表（epcisBody.eventList）');
    expect(problem('none.json', 30, doc([]))).toBe('文档中没有事件');
    expect(problem('many.json', 30, doc(Array.from({ length: 10_001 }, () => ({ type: 'ObjectEvent' }))))).toBe(
      '共 10001 个事件，超过每次 10000 个的上限，请分成几份上传',
    );
    // Too large is known from the size alone: the file is not read.
    const huge = { name: 'huge.json', size: 17 * 1024 * 1024, text: () => Promise.reject(new Error('must not be read')) };
    expect((await readDocumentFile(huge as unknown as Blob & { name: string })).problem).toMatch(/超过 16.0 MB/);
  });
});
