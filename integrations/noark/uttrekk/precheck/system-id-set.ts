/**
 * The systemIDs seen in arkivstruktur.xml, compact: a UUID (the usual form) is kept as its 16 bytes
 * in an open-addressing table of 32-bit words, outside the JS heap (16 bytes a slot, at most half
 * full: ~16 MB for 600,000 ids, with no GC headroom on top, where a Set of strings took ~60 bytes
 * an id plus the heap's slack), anything else as its text in a Set.
 */
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

/** 4 words a slot; an all-zero slot is empty, so the nil UUID is kept apart. */
class UuidTable {
  private words = new Uint32Array(4 * 1024 * 4);
  private mask = 1024 * 4 - 1;
  private count = 0;
  private hasNil = false;

  get size(): number {
    return this.count + (this.hasNil ? 1 : 0);
  }

  /** true when added, false when there already. */
  add(w: Uint32Array): boolean {
    if ((w[0]! | w[1]! | w[2]! | w[3]!) === 0) {
      const had = this.hasNil;
      this.hasNil = true;
      return !had;
    }
    if (this.find(w) >= 0) return false;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.put(this.words, this.mask, w);
    this.count++;
    return true;
  }

  has(w: Uint32Array): boolean {
    if ((w[0]! | w[1]! | w[2]! | w[3]!) === 0) return this.hasNil;
    return this.find(w) >= 0;
  }

  private static slot(w: ArrayLike<number>, mask: number): number {
    return (Math.imul(w[0]! ^ Math.imul(w[1]!, 0x9e3779b1) ^ Math.imul(w[2]!, 0x85ebca6b) ^ w[3]!, 0xc2b2ae35) >>> 0) & mask;
  }

  private find(w: Uint32Array): number {
    const t = this.words;
    for (let i = UuidTable.slot(w, this.mask); ; i = (i + 1) & this.mask) {
      const o = i * 4;
      if ((t[o]! | t[o + 1]! | t[o + 2]! | t[o + 3]!) === 0) return -1;
      if (t[o] === w[0] && t[o + 1] === w[1] && t[o + 2] === w[2] && t[o + 3] === w[3]) return i;
    }
  }

  private put(t: Uint32Array, mask: number, w: ArrayLike<number>): void {
    let i = UuidTable.slot(w, mask);
    while ((t[i * 4]! | t[i * 4 + 1]! | t[i * 4 + 2]! | t[i * 4 + 3]!) !== 0) i = (i + 1) & mask;
    t.set([w[0]!, w[1]!, w[2]!, w[3]!], i * 4);
  }

  private grow(): void {
    const old = this.words;
    const slots = (this.mask + 1) * 2;
    const next = new Uint32Array(slots * 4);
    for (let o = 0; o < old.length; o += 4) {
      if ((old[o]! | old[o + 1]! | old[o + 2]! | old[o + 3]!) !== 0) this.put(next, slots - 1, old.subarray(o, o + 4));
    }
    this.words = next;
    this.mask = slots - 1;
  }
}

export class SystemIdSet {
  private readonly uuids = new UuidTable();
  private readonly others = new Set<string>();
  private readonly w = new Uint32Array(4);

  /** The UUID's 128 bits in `this.w`, or false when the id is not a UUID. */
  private parse(t: string): boolean {
    if (!UUID.test(t)) return false;
    const hex = t.length === 32 ? t : t.replace(/-/g, '');
    for (let i = 0; i < 4; i++) this.w[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
    return true;
  }

  /** false when the id was there already. */
  add(id: string): boolean {
    const t = id.trim();
    if (this.parse(t)) return this.uuids.add(this.w);
    if (this.others.has(t)) return false;
    this.others.add(t);
    return true;
  }

  has(id: string): boolean {
    const t = id.trim();
    return this.parse(t) ? this.uuids.has(this.w) : this.others.has(t);
  }

  get size(): number {
    return this.uuids.size + this.others.size;
  }
}
