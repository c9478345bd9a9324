import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * Runs one compiled read outside Kysely's query pipeline: a SQLite statement prepared once on a
 * read-only connection of its own, or a named (server-side prepared) PostgreSQL statement. Kysely
 * passes every query through its connection provider and result transforms, which cost more than
 * the indexed read itself on the request that every signed-in call makes.
 */
export type ReadExecutor = <R>(query: CompiledQuery<R>) => Promise<R[]>;

/**
 * A query built once and compiled once, for the hot paths (every `/auth/me` reads a session and
 * its identity): Kysely otherwise rebuilds and recompiles the SQL at every call, which measured as
 * most of its cost over hand-written SQL. The query is still written with the builder, so each
 * dialect gets its own SQL (`?` or `$1`) from the one definition. With `read`, it runs there
 * (reads only: it must see committed data, which a separate connection does).
 *
 * `build` receives stand-ins for the arguments; each call swaps in the real values at their
 * positions in the compiled parameters.
 */
export function prepared<DB, A extends unknown[], R>(
  db: Kysely<DB>,
  arity: A['length'],
  build: (...args: A) => Compilable<R>,
  read?: ReadExecutor,
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
    if (read) return read({ ...query, parameters });
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
): (values: P) => Promise<R[]> {
  const positional = prepared(db, keys.length, (...args: unknown[]) =>
    build(Object.fromEntries(keys.map((key, i) => [key, args[i]])) as P),
  );
  return (values) => positional(...keys.map((key) => values[key]));
}
