/**
 * The engine's only source of randomness: a seeded sfc32 generator (Chris Doty-Humphrey's small
 * fast counting generator, 128 bits of state) whose four state words are derived from the seed by
 * splitmix32. Integer API only, so results are identical in every JS engine; the state is four
 * uint32 numbers and can be saved and restored (the engine restores it when a command fails, so a
 * refused command leaves no trace, not even in the ids drawn later).
 */
export type PrngState = readonly [number, number, number, number];

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32: spreads a small or sequential seed over all 32 bits.
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // sfc32 is recommended to discard its first outputs so that weak seeds mix.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  static fromState(state: PrngState): Prng {
    const prng = new Prng(0);
    prng.setState(state);
    return prng;
  }

  state(): PrngState {
    return [this.a, this.b, this.c, this.d];
  }

  setState(state: PrngState): void {
    [this.a, this.b, this.c, this.d] = state.map((word) => word >>> 0) as [number, number, number, number];
  }

  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** An integer in [minIncl, maxExcl), without modulo bias (rejection sampling). */
  int(minIncl: number, maxExcl: number): number {
    if (!Number.isInteger(minIncl) || !Number.isInteger(maxExcl) || maxExcl <= minIncl) {
      throw new RangeError(`Prng.int needs integers min < max, got ${minIncl}, ${maxExcl}`);
    }
    const span = maxExcl - minIncl;
    if (span > 0x1_0000_0000) throw new RangeError(`Prng.int span ${span} exceeds 2^32`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % span);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return minIncl + (draw % span);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick needs a non-empty list');
    return items[this.int(0, items.length)]!;
  }

  /** `digits` lower-case hex digits. */
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, digits);
  }

  /** A version-4 UUID, as ECS uses in container ARNs. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
