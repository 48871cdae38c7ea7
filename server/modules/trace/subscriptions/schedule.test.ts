import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSchedule, nextScheduledRun, parseField, type QuerySchedule, ScheduleError } from './schedule.ts';
import { checkDestSyntax, DestError, isPrivateAddress, postWebhook, signBody } from './webhook.ts';

/** EPCIS QuerySchedule on the Asia/Shanghai clock, and the webhook's address rules and signature (no database). */

// 2026-11-29 12:34:56 in Shanghai (a Sunday).
const AT = new Date('2026-11-29T04:34:56Z');
const next = (schedule: QuerySchedule, after = AT) => nextScheduledRun(schedule, after)?.toISOString();

describe('EPCIS QuerySchedule', () => {
  it('reads numbers, [low-high] ranges and comma lists', () => {
    expect(parseField('hour', '1')).toEqual([1]);
    expect(parseField('minute', '[10-12],5,11')).toEqual([5, 10, 11, 12]);
    expect(parseField('dayOfWeek', '[1-7]')).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it.each([
    ['hour', '24'],
    ['second', '60'],
    ['dayOfMonth', '0'],
    ['month', '13'],
    ['dayOfWeek', '0'],
    ['minute', '[30-10]'],
    ['minute', '1-5'],
    ['minute', '5,'],
    ['minute', ' 5'],
    ['minute', '*'],
    ['minute', ''],
  ] as const)('refuses %s "%s", naming the field', (field, text) => {
    expect(() => parseField(field, text)).toThrow(ScheduleError);
    try {
      parseField(field, text);
    } catch (err) {
      expect((err as ScheduleError).field).toBe(field);
    }
  });

  it('fires at the next matching Shanghai wall-clock time, strictly after the given instant', () => {
    // 01:05:00 daily: tomorrow (Shanghai) 01:05 = 17:05 UTC today.
    expect(next({ hour: '1', minute: '5' })).toBe('2026-11-29T17:05:00.000Z');
    // every hour on the hour
    expect(next({ minute: '0' })).toBe('2026-11-29T05:00:00.000Z');
    // every 30 seconds
    expect(next({ second: '0,30' })).toBe('2026-11-29T04:35:00.000Z');
    expect(next({ second: '[0-59]' })).toBe('2026-11-29T04:34:57.000Z');
    // later today
    expect(next({ hour: '13,20' })).toBe('2026-11-29T05:00:00.000Z');
    // Mondays 09:00 (the 29th is a Sunday)
    expect(next({ dayOfWeek: '1', hour: '9' })).toBe('2026-11-30T01:00:00.000Z');
    // the 1st of each month at midnight
    expect(next({ dayOfMonth: '1' })).toBe('2026-11-30T16:00:00.000Z');
    // 1 January at midnight (month given, day omitted: its least value)
    expect(next({ month: '1' })).toBe('2026-12-31T16:00:00.000Z');
    // 29 February: 2028
    expect(next({ month: '2', dayOfMonth: '29' })).toBe('2028-02-28T16:00:00.000Z');
    // exactly at a slot: the next one
    expect(next({ hour: '1', minute: '5' }, new Date('2026-11-29T17:05:00Z'))).toBe('2026-11-30T17:05:00.000Z');
  });

  it('refuses a schedule that never fires or says nothing', () => {
    expect(() => checkSchedule({ month: '2', dayOfMonth: '30,31' }, AT)).toThrow(ScheduleError);
    expect(() => checkSchedule({}, AT)).toThrow(ScheduleError);
    expect(() => checkSchedule({ month: '2', dayOfMonth: '[28-31]' }, AT)).not.toThrow();
  });
});

describe('webhook dest and signature', () => {
  it('knows loopback, private, link-local and reserved addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd12::1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '223.5.5.5', '2400:3200::1', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('takes absolute http(s) URLs only, and only https unless private targets are allowed', () => {
    expect(checkDestSyntax('http://127.0.0.1:8080/cb', true).port).toBe('8080');
    expect(checkDestSyntax('https://client.example.com/cb', false).hostname).toBe('client.example.com');
    for (const [dest, allow] of [
      ['/cb', true],
      ['ftp://x.example/cb', true],
      ['http://client.example.com/cb', false],
      ['https://u:p@client.example.com/cb', true],
      ['https://client.example.com/cb#frag', true],
    ] as const)
      expect(() => checkDestSyntax(dest, allow), dest).toThrow(DestError);
  });

  it('refuses at connection time a name that resolves to a private address, and plain http (SSRF)', async () => {
    const body = Buffer.from('{}');
    const viaName = await postWebhook('https://localhost:1/cb', body, null, false);
    expect(viaName.ok).toBe(false);
    expect(viaName.ok ? '' : viaName.error).toMatch(/non-public/);
    expect(await postWebhook('https://127.0.0.1:1/cb', body, null, false)).toMatchObject({ ok: false, error: expect.stringMatching(/public/) });
    expect(await postWebhook('http://client.example.com/cb', body, null, false)).toMatchObject({ ok: false, error: expect.stringMatching(/https/) });
  });

  it('signs the exact body bytes: HMAC-SHA256 keyed by the token, lowercase hex', () => {
    const body = Buffer.from('{"type":"EPCISQueryDocument"}');
    expect(signBody(body, 'secret')).toBe(createHmac('sha256', 'secret').update(body).digest('hex'));
    expect(signBody(body, 'secret')).toMatch(/^[0-9a-f]{64}$/);
  });
});
