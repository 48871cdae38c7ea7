/** The account password policy as the API states it: ≥ 8 characters and 3 of the 4 character classes. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

const CLASSES: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function countCharacterClasses(password: string): number {
  return CLASSES.filter((pattern) => pattern.test(password)).length;
}

/** A quick check before the request; the server's AUTH_PASSWORD_POLICY answer stays authoritative. */
export function meetsPasswordPolicy(password: string): boolean {
  return password.length >= PASSWORD_MIN_LENGTH && countCharacterClasses(password) >= PASSWORD_MIN_CLASSES;
}
