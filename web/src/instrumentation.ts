/** Runs once when a server process starts: validate the environment before serving anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, EnvError } = await import("./server/infra/env");
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n[hearth] ${error.message}\n`);
      // Stop the server rather than serve with a broken configuration.
      globalThis.process.exit(1);
    }
    throw error;
  }
}
