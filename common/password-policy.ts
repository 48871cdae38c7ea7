import type { FieldIssue } from './platform-api.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * 等保 2.0 三级 (GB/T 22239-2019 8.1.4.1 身份鉴别): passwords of sufficient complexity — at least 8
 * characters with 3 of the 4 classes (upper, lower, digit, symbol), not containing the username.
 * Returns the rules broken, empty when the password is acceptable.
 */
export function checkPasswordPolicy(password: string, username: string, field = 'body.password'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    issues.push({
      field,
      rule: 'length',
      message: `密码长度应为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 位 / must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters long`,
    });
  }
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    issues.push({
      field,
      rule: 'complexity',
      message: '密码须包含大写字母、小写字母、数字、符号中的至少三类 / must mix at least 3 of: upper case, lower case, digits, symbols',
    });
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    issues.push({ field, rule: 'not_username', message: '密码不得包含用户名 / must not contain the username' });
  }
  return issues;
}

/** The same policy as a yes/no, for checking a form before it is sent (the server checks again). */
export function meetsPasswordPolicy(password: string, username = ''): boolean {
  return checkPasswordPolicy(password, username).length === 0;
}
