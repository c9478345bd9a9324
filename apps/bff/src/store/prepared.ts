import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * Runs one compiled read outside Kysely's query pipeline: a SQLite statement prepared once on a
 * read-only connection of its own, or a named (server-side prepared) PostgreSQL statement. Kysely
 * passes every query through its connection provider and result transforms, which cost more than
 * the indexed read itself on the request that every signed-in call makes.
 */
export type ReadExecutor = <R>(query: CompiledQuery<R>) => Promise<R[]>;

/**
 * Runs one compiled statement straight on the main connection, synchronously, when nothing else
 * holds that connection; undefined when something does (an open transaction), and the statement
 * then waits its turn through Kysely.
 */
export type DirectExecutor = <R>(query: CompiledQuery<R>) => R[] | undefined;

/** Where a prepared query runs instead of Kysely's pipeline, when it can. */
export interface PreparedRunner {
  /** Reads only, on a connection of their own. */
  read?: ReadExecutor | undefined;
  /** Any statement, on the main connection. */
  direct?: DirectExecutor | undefined;
}

/**
 * A query built once and compiled once, for the hot paths (every `/auth/me` reads a session and
 * its identity): Kysely otherwise rebuilds and recompiles the SQL at every call, which measured as
 * most of its cost over hand-written SQL. The query is still written with the builder, so each
 * dialect gets its own SQL (`?` or `$1`) from the one definition. With `read`, it runs there
 * (reads only: it must see committed data, which a separate connection does); with `direct`, on
 * the main connection whenever that is free.
 *
 * `build` receives stand-ins for the arguments; each call swaps in the real values at their
 * positions in the compiled parameters.
 */
export function prepared<DB, A extends unknown[], R>(
  db: Kysely<DB>,
  arity: A['length'],
  build: (...args: A) => Compilable<R>,
  runner: PreparedRunner = {},
): (...args: A) => Promise<R[]> {
  let compiled: { query: CompiledQuery<R>; positions: number[] } | undefined;
  return async (...args: A) => {
    if (!compiled) {
      const standIns = Array.from({ length: arity }, (_, i) => `\u0000prepared-argument-${i}\u0000`) as unknown as A;
      const query = build(...standIns).compile();
      const positions = query.parameters.map((value) => (standIns as unknown[]).indexOf(value));
      compiled = { query, positions };
    }
    const { query, positions } = compiled;
    const parameters = query.parameters.map((constant, i) => (positions[i]! >= 0 ? args[positions[i]!] : constant));
    if (runner.read) return runner.read({ ...query, parameters });
    const rows = runner.direct?.<R>({ ...query, parameters });
    if (rows) return rows;
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/**
 * {@link prepared} with named arguments, for statements with many values (inserts): `build`
 * receives a stand-in for each of `keys`; each call passes the real values by name.
 */
export function preparedWith<DB, P extends Record<string, unknown>, R>(
  db: Kysely<DB>,
  keys: readonly (keyof P & string)[],
  build: (values: P) => Compilable<R>,
  runner: PreparedRunner = {},
): (values: P) => Promise<R[]> {
  const positional = prepared(
    db,
    keys.length,
    (...args: unknown[]) => build(Object.fromEntries(keys.map((key, i) => [key, args[i]])) as P),
    runner,
  );
  return (values) => positional(...keys.map((key) => values[key]));
}
