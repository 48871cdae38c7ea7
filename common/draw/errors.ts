/** A draw input breaks the grammar of README.md §2; `path` names the field (`inspectorPool[3].homeRegionCode`). */
export class DrawInputError extends Error {
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;
  constructor(path: string, expected: string, actual: unknown) {
    super(`${path}: expected ${expected}, got ${JSON.stringify(actual) ?? String(actual)}`);
    this.name = 'DrawInputError';
    this.path = path;
    this.expected = expected;
    this.actual = actual;
  }
}

/** Fewer eligible inspectors than required for one target: the draw stops rather than assign fewer. */
export class InsufficientInspectorsError extends Error {
  readonly creditCode: string;
  readonly eligible: number;
  readonly required: number;
  constructor(creditCode: string, eligible: number, required: number) {
    super(`target ${creditCode}: ${eligible} eligible inspector(s), ${required} required`);
    this.name = 'InsufficientInspectorsError';
    this.creditCode = creditCode;
    this.eligible = eligible;
    this.required = required;
  }
}

/** A redraw that cannot be applied: the target was not drawn, the inspector is not assigned to it, or the record does not verify. */
export class RedrawError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedrawError';
  }
}
