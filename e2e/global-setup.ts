import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT_DIR } from '../server/platform/version.ts';
import { CHROMIUM_PATH } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eSkipReason: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

/**
 * Starts the real server (built web app, fresh embedded database with demo data) for the browser
 * tests. Without chromium the tests are skipped with the reason printed — except under CI=true,
 * where a missing browser is a failure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let skip = '';
  if (!fs.existsSync(CHROMIUM_PATH)) skip = `chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-wqy-microhei)`;
  else if (!fs.existsSync(path.join(ROOT_DIR, 'web', 'dist', 'index.html'))) skip = 'web/dist is not built (npm run build)';
  if (skip) {
    if (process.env.CI === 'true') throw new Error(`browser tests cannot run in CI: ${skip}`);
    process.stderr.write(`\n*** Browser tests SKIPPED: ${skip} ***\n\n`);
    project.provide('e2eSkipReason', skip);
    project.provide('e2eBaseUrl', '');
    return async () => {};
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-e2e-'));
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT_DIR, 'server', 'main.ts')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ZHILIANG_DEMO: '1',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '1000',
    },
    // (every browser test logs in several accounts from 127.0.0.1: the production limit of 10 a minute would refuse them)
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => output);
  project.provide('e2eBaseUrl', baseUrl);
  project.provide('e2eSkipReason', '');
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
