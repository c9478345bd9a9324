/**
 * Remembered results of a pure function of a string (a cookie's verification, an id's hash), at
 * most `max` of them: when full it starts again from empty, so a flood of new keys costs memory
 * once and never grows it. Only results that are the same for every instance belong here: this
 * is not a cache of anything in the database.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): V {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
