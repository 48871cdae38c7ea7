import { describe, expect, it } from 'vitest';
import { bytesToBase64, contentTypeOf, fileToBase64 } from './files';

describe('files', () => {
  it('encodes bytes as base64, also past one chunk', async () => {
    expect(bytesToBase64(new TextEncoder().encode('质量'))).toBe(Buffer.from('质量').toString('base64'));
    const big = new Uint8Array(70_000).map((_, index) => index % 251);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(await fileToBase64(new Blob(['abc']))).toBe('YWJj');
  });

  it('fills in a content type from the extension when the browser gives none', () => {
    expect(contentTypeOf({ name: 'a.XLSX', type: '' })).toContain('spreadsheetml');
    expect(contentTypeOf({ name: 'a.bin', type: '' })).toBe('application/octet-stream');
    expect(contentTypeOf({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf');
  });
});
