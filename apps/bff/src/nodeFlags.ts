/**
 * The flags Node is started with for the production server: `pnpm start` and the bench pass them
 * (test/unit/nodeFlags.test.ts checks `pnpm start`); main.ts says at start-up which ones a production
 * server lacks (the `sso-bff` program's portable `#!/usr/bin/env node` line passes none). They must
 * be on the command line: V8 reads them when it sets up the heap, and setting them later
 * (`v8.setFlagsFromString`) was measured to change nothing.
 *
 * `--no-memory-reducer`: after a few seconds with little allocation, V8's memory reducer shrinks
 * the young generation to 1 MB and schedules full collections, and the next burst of requests pays
 * for growing it back and for marking the old generation under load. Measured on /auth/me after a
 * 30 s lull: the first second cost 85–99 µs of CPU per request instead of 45, and the following
 * seconds stayed 10–20 % slower, every lull again (steady 41 µs with this flag). The price is
 * that an idle server keeps the heap its last burst grew, a few tens of MB, instead of giving it
 * back; a full collection (under memory pressure) still frees what is garbage.
 */
export const NODE_FLAGS = ['--no-memory-reducer'] as const;

/** The flags of {@link NODE_FLAGS} that `execArgv` lacks (V8 reads `_` as `-`, so either spelling counts). */
export function missingNodeFlags(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map((arg) => arg.replaceAll('_', '-')));
  return NODE_FLAGS.filter((flag) => !given.has(flag));
}
