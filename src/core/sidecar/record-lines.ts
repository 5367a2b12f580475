/**
 * The id → line map of a read (`SidecarReadResult.recordLines`), filled at its first use. Only
 * findings look lines up, and most reads have none: reading back a sidecar of 10,000 records after
 * each tag built a map of 10,000 entries that nothing asked.
 */

/**
 * A `Map` of annotation ids to 1-based record lines that is filled from the read's ids and lines
 * the first time any of its methods runs; after that it is an ordinary map.
 */
export class RecordLineMap extends Map<string, number> {
  private fill: (() => void) | undefined;

  /**
   * @param ids each record's id by its index in file order, all different; undefined for a record
   *   that could not be read (taken as it is: the caller gives its own array)
   * @param lineOf the 1-based line of the record at an index
   */
  constructor(ids: readonly (string | undefined)[], lineOf: (index: number) => number) {
    super();
    this.fill = () => {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id !== undefined) super.set(id, lineOf(i));
      }
    };
  }

  private filled(): void {
    const fill = this.fill;
    this.fill = undefined;
    fill?.();
  }

  override get size(): number {
    this.filled();
    return super.size;
  }

  override get(id: string): number | undefined {
    this.filled();
    return super.get(id);
  }

  override has(id: string): boolean {
    this.filled();
    return super.has(id);
  }

  override set(id: string, line: number): this {
    this.filled();
    return super.set(id, line);
  }

  override delete(id: string): boolean {
    this.filled();
    return super.delete(id);
  }

  override clear(): void {
    this.fill = undefined;
    super.clear();
  }

  override forEach(callback: (line: number, id: string, map: Map<string, number>) => void, thisArg?: unknown): void {
    this.filled();
    super.forEach(callback, thisArg);
  }

  override keys(): MapIterator<string> {
    this.filled();
    return super.keys();
  }

  override values(): MapIterator<number> {
    this.filled();
    return super.values();
  }

  override entries(): MapIterator<[string, number]> {
    this.filled();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, number]> {
    this.filled();
    return super[Symbol.iterator]();
  }
}
