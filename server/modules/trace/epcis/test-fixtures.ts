import fs from 'node:fs';
import path from 'node:path';

/** GS1's EPCIS fixtures beside the repository (tests only; see fixtures/epcis/SOURCE.md). */
export const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/epcis/gs1-EPCIS');

export function readFixture(relative: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), 'utf8'));
}

/** A fixture that is a JSON object (an example document or event). */
export function readObject(relative: string): Record<string, unknown> {
  const value = readFixture(relative);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${relative} is not a JSON object`);
  return { ...value };
}

/** Fixture files in a folder (and its subfolders with `recursive`), relative to FIXTURES, sorted. */
export function listFixtures(folder: string, extension: string, recursive = true): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, folder), { recursive, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(folder, name))
    .sort();
}
