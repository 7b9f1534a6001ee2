// Do Hearth's settings and Jitsi's agree? Compares the app's environment with jitsi/jitsi.env (the variables the
// Jitsi containers get) and prints one line per mismatch, never a secret. Exit 0 when they agree (or group
// calls are off), 1 on a mismatch, 2 on a usage error or an unreadable file.
//
//   npm run jitsi:check
//   npm run jitsi:check -- --app-env FILE --jitsi-env FILE
//
// The app's environment is this process's environment over the app env file (default: .env, if present), the
// same precedence the app itself sees. The rules live in web/src/server/services/rooms/jitsi-config-check.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkJitsiConfig, parseDotenv } from "../../web/src/server/services/rooms/jitsi-config-check";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

class UsageError extends Error {}

function parseArgs(argv: string[]): { appEnv: string | null; jitsiEnv: string } {
  let appEnv: string | null = null;
  let jitsiEnv = path.join(ROOT, "jitsi/jitsi.env");
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === "--app-env" || flag === "--jitsi-env") && value && !value.startsWith("--")) {
      if (flag === "--app-env") appEnv = path.resolve(value);
      else jitsiEnv = path.resolve(value);
      i += 1;
    } else {
      throw new UsageError(`unexpected argument ${flag ?? ""}; usage: check-config.ts [--app-env FILE] [--jitsi-env FILE]`);
    }
  }
  return { appEnv, jitsiEnv };
}

function readEnvFile(file: string): Record<string, string> {
  try {
    return parseDotenv(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  const defaultAppEnv = path.join(ROOT, ".env");
  const appFile = args.appEnv ?? (existsSync(defaultAppEnv) ? defaultAppEnv : null);
  const appEnv = { ...(appFile ? readEnvFile(appFile) : {}), ...process.env };
  const jitsiEnv = readEnvFile(args.jitsiEnv);
  const shown = (file: string) => path.relative(process.cwd(), file) || file;

  const result = checkJitsiConfig(appEnv, jitsiEnv);
  if (!result.enabled) {
    console.log("Group calls are off (JITSI_DOMAIN is empty in the app's env): nothing to check.");
    return 0;
  }
  if (result.problems.length === 0) {
    console.log(`Jitsi and Hearth agree (${result.checks} checks)`);
    return 0;
  }
  console.error(`Jitsi (${shown(args.jitsiEnv)}) and Hearth (${appFile ? `${shown(appFile)} + ` : ""}environment) disagree:`);
  for (const problem of result.problems) console.error(`  - ${problem}`);
  console.error(`${result.problems.length} of ${result.checks} checks failed.`);
  return 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`jitsi:check: ${error.message}`);
  process.exitCode = 2;
}
