/** An Application Identifier with its data, e.g. `{ ai: '01', value: '09520123456788' }`. */
export interface AiValue {
  ai: string;
  value: string;
}

/** Thrown by the functions of this folder that return a value rather than a list of problems; `errors` lists them all. */
export class Gs1Error extends Error {
  readonly errors: string[];

  constructor(errors: string[]) {
    super(errors.join('; '));
    this.name = 'Gs1Error';
    this.errors = errors;
  }
}
