/** A Map that holds at most `capacity()` entries: past it, the least recently used (set or read) goes first. */
export class LruMap<K, V> extends Map<K, V> {
  constructor(private readonly capacity: () => number) {
    super();
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: moving an entry to the end marks it as the newest.
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    const capacity = this.capacity();
    for (const oldest of this.keys()) {
      if (this.size <= capacity) break;
      super.delete(oldest);
    }
    return this;
  }
}
