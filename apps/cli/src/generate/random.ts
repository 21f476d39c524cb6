// The generator's deterministic source of randomness: the same seed gives the same council history.

/** sfc32: 128 bits of state, so a million ids drawn from it do not collide as a 32-bit generator's would. */
export class Random {
  private s: Uint32Array;
  constructor(seed: string) {
    let h = 0x811c9dc5;
    for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    const split = () => ((h = (h + 0x9e3779b9) >>> 0), Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0);
    this.s = new Uint32Array([split(), split(), split(), split()]);
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    const s = this.s;
    const t = (s[0] + s[1] + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) + t;
    return t;
  }
  next = (): number => this.u32() / 4294967296;
  chance = (p: number): boolean => this.next() < p;
  int = (min: number, max: number): number => min + Math.floor(this.next() * (max - min + 1));
  pick = <T>(items: readonly T[]): T => items[Math.floor(this.next() * items.length)];
  uuid(): string {
    const hex = [this.u32(), this.u32(), this.u32(), this.u32()]
      .map((n) => n.toString(16).padStart(8, '0'))
      .join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
