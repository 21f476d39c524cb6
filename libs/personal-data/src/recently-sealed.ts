/**
 * The plain text of values this process has just sealed, by their sealed text, each kept until it is read back
 * once: the read models read every event right after it is appended, and opening a value this process sealed a
 * moment before took as long as sealing it. The caller answers from here only while the owner's key still
 * exists, so an erasure in between still reads as erased. Bounded: the oldest go first.
 */
export class RecentlySealed {
  private readonly plain = new Map<string, string>();

  constructor(private readonly capacity = 1024) {}

  remember(sealed: string, plain: string): void {
    if (this.plain.size >= this.capacity) this.plain.delete(this.plain.keys().next().value!);
    this.plain.set(sealed, plain);
  }

  /** The plain text of a sealed value, if this process sealed it lately; forgotten once taken. */
  take(sealed: string): string | undefined {
    const plain = this.plain.get(sealed);
    if (plain !== undefined) this.plain.delete(sealed);
    return plain;
  }

  get size(): number {
    return this.plain.size;
  }

  clear(): void {
    this.plain.clear();
  }
}
