import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * A query built once and compiled once, for the hot paths (every `/auth/me` reads a session and
 * an identity): Kysely otherwise rebuilds and recompiles the SQL at every call, which measured as
 * most of its cost over hand-written SQL. The query is still written with the builder, so each
 * dialect gets its own SQL (`?` or `$1`) from the one definition.
 *
 * `build` receives stand-ins for the arguments; each call swaps in the real values at their
 * positions in the compiled parameters.
 */
export function prepared<A extends unknown[], R>(db: Kysely<any>, arity: A['length'], build: (...args: A) => Compilable<R>): (...args: A) => Promise<R[]> {
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
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
