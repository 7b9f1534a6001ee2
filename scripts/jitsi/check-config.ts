// Do Hearth's settings and Jitsi's agree? Compares the app's environment with jitsi/jitsi.env (the variables the
// Jitsi containers get) and prints one line per mismatch, never a secret. Then compares this machine's clock with
// the Jitsi host's (its HTTP Date header): Prosody allows no clock leeway on a token's nbf/exp. Exit 0 when they
// agree (or group calls are off; a clock more than 10 s off is a warning), 1 on a mismatch or a clock so far off
// that every token fails, 2 on a usage error or an unreadable file.
//
//   npm run jitsi:check
//   npm run jitsi:check -- --app-env FILE --jitsi-env FILE [--clock-url URL | --no-clock]
//
// --clock-url defaults to https://<JITSI_DOMAIN>/; --no-clock skips the clock (e.g. before Jitsi is up).
//
// The app's environment is this process's environment over the app env file (default: .env, if present), the
// same precedence the app itself sees. Jitsi's is jitsi.env with jitsi.secrets.env (beside it, if present) over it.
// The rules live in web/src/server/services/rooms/jitsi-config-check.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkJitsiClock } from "../../web/src/server/services/rooms/jitsi-clock";
import { checkJitsiConfig, parseDotenv } from "../../web/src/server/services/rooms/jitsi-config-check";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

class UsageError extends Error {}

interface Args {
  appEnv: string | null;
  jitsiEnv: string;
  /** null: no clock check. undefined: the default, https://<JITSI_DOMAIN>/. */
  clockUrl: string | null | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { appEnv: null, jitsiEnv: path.join(ROOT, "jitsi/jitsi.env"), clockUrl: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const hasValue = value !== undefined && !value.startsWith("--");
    if (flag === "--no-clock") {
      args.clockUrl = null;
    } else if (flag === "--app-env" && hasValue) {
      args.appEnv = path.resolve(value);
      i += 1;
    } else if (flag === "--jitsi-env" && hasValue) {
      args.jitsiEnv = path.resolve(value);
      i += 1;
    } else if (flag === "--clock-url" && hasValue && URL.canParse(value)) {
      args.clockUrl = value;
      i += 1;
    } else {
      throw new UsageError(
        `unexpected argument ${flag ?? ""}; usage: check-config.ts [--app-env FILE] [--jitsi-env FILE] [--clock-url URL | --no-clock]`,
      );
    }
  }
  return args;
}

function readEnvFile(file: string): Record<string, string> {
  try {
    return parseDotenv(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const defaultAppEnv = path.join(ROOT, ".env");
  const appFile = args.appEnv ?? (existsSync(defaultAppEnv) ? defaultAppEnv : null);
  const appEnv = { ...(appFile ? readEnvFile(appFile) : {}), ...process.env };
  // A deployment's own secrets (scripts/secrets.sh) sit beside jitsi.env and override it, as docker/compose.yml does.
  const secretsFile = path.join(path.dirname(args.jitsiEnv), "jitsi.secrets.env");
  const jitsiEnv = { ...readEnvFile(args.jitsiEnv), ...(existsSync(secretsFile) ? readEnvFile(secretsFile) : {}) };
  const shown = (file: string) => path.relative(process.cwd(), file) || file;

  const result = checkJitsiConfig(appEnv, jitsiEnv);
  if (!result.enabled) {
    console.log("Group calls are off (JITSI_DOMAIN is empty in the app's env): nothing to check.");
    return 0;
  }
  let code = 0;
  if (result.problems.length === 0) {
    console.log(`Jitsi and Hearth agree (${result.checks} checks)`);
  } else {
    console.error(
      `Jitsi (${shown(args.jitsiEnv)}) and Hearth (${appFile ? `${shown(appFile)} + ` : ""}environment) disagree:`,
    );
    for (const problem of result.problems) console.error(`  - ${problem}`);
    console.error(`${result.problems.length} of ${result.checks} checks failed.`);
    code = 1;
  }

  if (args.clockUrl !== null) {
    const ttl = Number(appEnv.JITSI_TOKEN_TTL_SECONDS) || 120;
    const verdict = await checkJitsiClock(args.clockUrl ?? `https://${appEnv.JITSI_DOMAIN?.trim()}/`, ttl);
    if (verdict.level === "ok") console.log(`Clock: ${verdict.message}`);
    else console.error(`Clock ${verdict.level === "fail" ? "error" : "warning"}: ${verdict.message}`);
    if (verdict.level === "fail") code = 1;
  }
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    console.error(`jitsi:check: ${error.message}`);
    process.exitCode = 2;
  },
);
