/** One-line messages for the CLI and start-up, on stderr so stdout stays machine-readable. */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
