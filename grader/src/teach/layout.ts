/**
 * A layout names the fields of a header byte by byte, in Wireshark's words,
 * so a byte comparison can say "byte 18, Exchange type" instead of "byte 18".
 */
export interface FieldSpec {
  /** What Wireshark's packet tree calls it, e.g. "Exchange type". */
  readonly name: string;
  /** Wireshark's display-filter name, e.g. "isakmp.exchtype", when it has one. */
  readonly filter?: string;
  readonly offset: number;
  readonly length: number;
  /** Turns the field's bytes into words, e.g. 0x02 → "Identity Protection (Main Mode) (2)". */
  readonly explain?: (bytes: Uint8Array) => string;
}

export type Layout = readonly FieldSpec[];

export function fieldAt(layout: Layout | undefined, offset: number): FieldSpec | undefined {
  return layout?.find((f) => offset >= f.offset && offset < f.offset + f.length);
}
