import type { FormInstance } from 'antd';
import { type ApiError, isApiError } from '../api/client';

export interface FieldErrors<F extends string = string> {
  name: F;
  errors: string[];
}

/** "body.password", "body/password", "/password" and "password" all name the form field "password". */
export function normaliseField(field: string): string {
  const parts = field.split(/[./]/).filter((part) => part.length > 0);
  return parts[parts.length - 1] ?? field;
}

/**
 * Server validation details (`{field, rule, message}`) grouped onto the form's own fields.
 * Details naming no field of this form are left out; an empty result means "show error.message".
 */
export function fieldErrorsFrom<F extends string>(
  error: ApiError,
  formFields: readonly F[],
  localise: (text: string) => string = (text) => text,
): FieldErrors<F>[] {
  const byField = new Map<F, string[]>();
  for (const detail of error.details) {
    if (!detail.field) continue;
    const name = formFields.find((candidate) => candidate === normaliseField(detail.field ?? ''));
    if (name === undefined) continue;
    const messages = byField.get(name) ?? [];
    messages.push(localise(detail.message ?? detail.rule ?? error.message));
    byField.set(name, messages);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/**
 * A failed save shown where it belongs: the server's validation details on the form's own fields, or — when none of
 * them names a field of this form — the error's message as a toast.
 */
export function showFormError<F extends string>(
  error: Error,
  form: Pick<FormInstance, 'setFields'>,
  formFields: readonly F[],
  localise: (text: string) => string,
  toast: (text: string) => void,
): void {
  const fieldErrors = isApiError(error) ? fieldErrorsFrom(error, formFields, localise) : [];
  if (fieldErrors.length > 0) form.setFields(fieldErrors);
  else toast(localise(error.message));
}
