import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { periodOf } from '../common/credit-risk/period.ts';
import { formatVerdict, verifyDraw } from '../common/draw/index.ts';
import { ROLES, type Role } from '../common/roles.ts';
import { serve } from './main.ts';
import { recomputeCreditClasses } from './modules/entities/index.ts';
import { todayInShanghai } from './modules/entities/present.ts';
import { verifyTaskDraw } from './modules/inspections/index.ts';
import { createUser } from './modules/platform/user-service.ts';
import { verifyAuditChain } from './platform/audit.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { type DbHandle, openDatabase } from './platform/db.ts';
import { AppError, isFieldIssue } from './platform/errors.ts';
import { say } from './platform/logger.ts';
import { migrate } from './platform/migrate.ts';
import { RegionDirectory } from './platform/regions.ts';
import type { Actor } from './platform/scope.ts';
import { VERSION } from './platform/version.ts';
import { seedDemo } from './seed/demo.ts';

const TASK_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens the configured database, migrated, runs `fn`, and always closes it. */
async function withDatabase<T>(fn: (database: DbHandle) => Promise<T>, options = { migrateFirst: true }): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    if (options.migrateFirst) await migrate(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

// The operator at the console acts with the city's full scope; audit rows name it system:cli.
const CLI_ACTOR: Actor = {
  id: 'system:cli',
  username: 'system:cli',
  displayName: 'CLI',
  role: 'city_admin',
  regionCode: '330500',
  regionPath: '/330500/',
  enterpriseCreditCode: null,
};
const CLI_CONTEXT = { actorId: null, actorUsername: 'system:cli', actorRole: null, ip: null, userAgent: 'zhiliang-cli', requestId: null };

/** A random password that meets the policy (upper, lower, digit, symbol). */
function generatePassword(): string {
  return `Zl-${randomBytes(9).toString('base64url')}7a`;
}

export function buildCli(): Command {
  const program = new Command('zhiliang')
    .description(
      '质量数智平台 Zhiliang — server and administration commands. Configuration comes from the environment (DATABASE_URL, DATA_DIR, PORT, HOST, ZHILIANG_DEMO); see README.',
    )
    .version(VERSION);

  program
    .command('serve')
    .description('migrate, load demo data on a first start when ZHILIANG_DEMO=1, and serve the platform')
    .action(async () => {
      await serve(loadConfig());
    });

  program
    .command('migrate')
    .description('apply pending database migrations (under an advisory lock, in one transaction)')
    .action(async () => {
      const applied = await withDatabase((d) => migrate(d.db), { migrateFirst: false });
      say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
    });

  program
    .command('seed')
    .description('load data into the database')
    .requiredOption('--demo', 'load the demo accounts (fictitious, labelled 演示数据 in the UI)')
    .action(async () => {
      const created = await withDatabase((d) => seedDemo(d.db));
      say(created.length > 0 ? `demo accounts created: ${created.join(', ')}` : 'demo data was already loaded');
    });

  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account (e.g. the first administrator when ZHILIANG_DEMO=0)')
    .requiredOption('--username <name>', 'login name: a letter, then 2–31 letters, digits, _ . -')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--region <code>', 'region code: 330500 for city_admin, a district/county code for county_officer')
    .option('--display-name <name>', 'name shown in the UI (defaults to the username)')
    .option('--enterprise-name <name>', 'enterprise name (role enterprise)')
    .option('--enterprise-credit-code <code>', 'unified social credit code (role enterprise)')
    .option('--password <password>', 'initial password (else ZHILIANG_PASSWORD, else a random one is printed and must be changed at first login)')
    .action(
      async (opts: {
        username: string;
        role: Role;
        region: string;
        displayName?: string;
        enterpriseName?: string;
        enterpriseCreditCode?: string;
        password?: string;
      }) => {
        const given = opts.password ?? process.env.ZHILIANG_PASSWORD;
        const password = given ?? generatePassword();
        const row = await withDatabase(async (d) => {
          const regions = await RegionDirectory.load(d.db);
          return createUser(
            d.db,
            regions,
            CLI_ACTOR,
            {
              username: opts.username,
              displayName: opts.displayName ?? opts.username,
              role: opts.role,
              regionCode: opts.region,
              password,
              ...(opts.enterpriseName && { enterpriseName: opts.enterpriseName }),
              ...(opts.enterpriseCreditCode && { enterpriseCreditCode: opts.enterpriseCreditCode }),
            },
            CLI_CONTEXT,
            { mustChangePassword: given === undefined },
          );
        });
        say(`created ${row.username} (${row.role}, ${row.region_code})`);
        if (given === undefined) process.stdout.write(`initial password: ${password}\n`);
      },
    );

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 1 and name the first broken link if any row was changed, inserted or deleted')
    .action(async () => {
      const verdict = await withDatabase((d) => verifyAuditChain(d.db));
      if (verdict.ok) {
        say(`audit chain intact: ${verdict.checked} rows, head ${verdict.headSeq}`);
      } else {
        say(`audit chain BROKEN at row ${verdict.firstBroken?.seq}: ${verdict.firstBroken?.reason}`);
        process.exitCode = 1;
      }
    });

  const draw = program.command('draw').description('双随机 random-inspection draws');
  draw
    .command('verify')
    .description(
      'recompute a published draw from its own inputs (common/draw/README.md); print 一致 / consistent or the first difference; exit 1 when inconsistent',
    )
    .argument('<file>', 'a published draw record (JSON), or the id of a drawn task: its record is read from the database')
    .option('--json', 'print the verdict as JSON {consistent, firstDifference}')
    .action(async (file: string, opts: { json?: boolean }) => {
      let published: unknown;
      if (TASK_ID_RE.test(file) && !existsSync(file)) {
        // The same verdict function as for a file, on the record as stored (inspections/draw/record.ts).
        const found = await withDatabase((d) => verifyTaskDraw(d.db, file.toLowerCase()));
        if (!found) {
          say(`zhiliang: no drawn random-inspection task ${file}`);
          process.exitCode = 2;
          return;
        }
        published = found.record;
      } else {
        try {
          published = JSON.parse(readFileSync(file, 'utf8'));
        } catch (err) {
          say(`zhiliang: cannot read ${file} as JSON: ${err instanceof Error ? err.message : String(err)}`);
          process.exitCode = 2;
          return;
        }
      }
      const verdict = verifyDraw(published);
      process.stdout.write(`${opts.json ? JSON.stringify(verdict) : formatVerdict(verdict, published)}\n`);
      if (!verdict.consistent) process.exitCode = 1;
    });

  const credit = program.command('credit').description('企业信用风险分类 credit-risk classes A–D (internal to regulators)');
  credit
    .command('recompute')
    .description(
      "classify every active entity for a period; idempotent (replaces the period's computed classes, keeps manual adjustments). The server runs it itself on the 1st of each month at 02:00 Asia/Shanghai (job credit.monthly_recompute); use this to re-run a period by hand",
    )
    .option('--period <YYYY-MM>', 'the period (month) to classify; default the current month in Asia/Shanghai')
    .option('--region <code>', 'only entities in this district/county or township (default the whole city)')
    .action(async (opts: { period?: string; region?: string }) => {
      const result = await withDatabase(async (d) => {
        let regionPath: string | undefined;
        if (opts.region) {
          const region = (await RegionDirectory.load(d.db)).get(opts.region);
          if (!region) throw new AppError(400, 'VALIDATION_FAILED', `未知的行政区划代码 ${opts.region} / unknown region code ${opts.region}`);
          regionPath = region.path;
        }
        return recomputeCreditClasses(d.db, opts.period ?? periodOf(todayInShanghai()), { audit: CLI_CONTEXT, ...(regionPath ? { regionPath } : {}) });
      });
      const c = result.counts;
      say(
        `credit classes ${result.period} (as of ${result.asOf}, model v${result.modelVersion}): ${result.entities} entities — A ${c.A}, B ${c.B}, C ${c.C}, D ${c.D}; ${result.adjustmentsKept} manual adjustments kept; ${result.durationMs} ms`,
      );
    });
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      say(`zhiliang: configuration error: ${err.message}`);
      process.exit(2);
    }
    if (err instanceof AppError) {
      const details = (err.details ?? []).map((d) => (isFieldIssue(d) ? `${d.field}: ${d.message}` : JSON.stringify(d)));
      say(`zhiliang: ${err.message}${details.length ? `\n  ${details.join('\n  ')}` : ''}`);
      process.exit(1);
    }
    throw err;
  }
}
