/**
 * The CJK fonts of the PDF reports: Noto Sans SC (SIL Open Font License 1.1) shipped through npm
 * (@expo-google-fonts/noto-sans-sc, static Regular and Bold TTFs), so the report renders the same on any
 * machine without system fonts. pdfkit embeds only the glyphs a report uses.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FONT_FILES;

export interface ReportFonts {
  regular: Buffer;
  bold: Buffer;
}

// ~10 MB each: read once per process and kept, instead of once per report.
let cached: Promise<ReportFonts> | null = null;

export function loadReportFonts(): Promise<ReportFonts> {
  cached ??= Promise.all([readFile(require.resolve(FONT_FILES.regular)), readFile(require.resolve(FONT_FILES.bold))])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((err: unknown) => {
      cached = null;
      throw err;
    });
  return cached;
}
