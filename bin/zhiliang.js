#!/usr/bin/env node
// Entry point of the `zhiliang` command. Node >= 24 runs the TypeScript sources directly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `zhiliang: Node.js >= 24 is required (this is ${process.version}); run it through npm/npx in the project folder, which use the pinned Node 24.\n`,
  );
  process.exit(2);
}
const { runCli } = await import('../server/cli.ts');
await runCli(process.argv);
