/**
 * Exercise 10-informational/delete: telling the peer an SA is gone, and
 * acting on the peer's Delete.
 *
 * A Delete payload (RFC 2408 section 3.15; chapter 03's Delete type) names
 * SAs of one protocol by SPI. Build them with DOI 1 (IPSEC):
 *
 * 1. `deleteIkeSa(ike)`: protocol ISAKMP (1), one SPI: the 16 octets
 *    CKY-I | CKY-R (cookieSpi from ./notify.ts).
 * 2. `deleteChildSas(protocol, children)`: protocol ESP (3) or AH (2), one
 *    4-octet big-endian SPI per CHILD SA, in order: each one's INBOUND SPI
 *    (the one we chose, on which we will accept nothing more). Errors: an
 *    empty list -> FieldError("Number of SPIs", 0, reason); a child of the
 *    other protocol -> FieldError("Protocol ID", its protocol number, reason).
 * 3. `applyDelete(ike, children, d)`: what a Delete received on this IKE SA
 *    removes. DOI not 1 -> FieldError("Domain of interpretation", doi, reason).
 *    - Protocol ISAKMP: `ikeSa` is true if one SPI equals our cookieSpi; the
 *      other SPIs go to `unknown`; CHILD SAs are all kept (IKEv1 IPsec SAs
 *      outlive the ISAKMP SA).
 *    - Protocol ESP or AH: each SPI (4 octets, else FieldError("SPI Size"))
 *      is the sender's inbound SPI, so it names the child of that protocol
 *      whose OUTBOUND spi it equals: that child is removed (both
 *      directions). SPIs that name no child go to `unknown`, as given.
 *      Any other protocol -> FieldError("Protocol ID", it, reason).
 *    `removed` and `kept` keep the order of `children`.
 *
 * Lesson: lessons/10-informational.md#delete
 */
import { todo } from "@course/todo.ts";
import type { Delete } from "../03-payloads/notify-delete.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";

export type IpsecProtocol = "ESP" | "AH";

/** What a CHILD SA must say for a Delete to find it (chapter 09's ChildSa has these fields). */
export interface ChildSpis {
  readonly protocol: IpsecProtocol;
  readonly inbound: { readonly spi: number };
  readonly outbound: { readonly spi: number };
}

export interface DeleteOutcome<C extends ChildSpis> {
  /** The peer deleted this IKE SA. */
  readonly ikeSa: boolean;
  /** Our CHILD SAs the Delete named, to remove. */
  readonly removed: C[];
  /** The rest, unchanged and in their order. */
  readonly kept: C[];
  /** SPIs that name nothing we hold (already gone, or another SA's): ignored. */
  readonly unknown: Uint8Array[];
}

export function deleteIkeSa(ike: IkeSa): Delete {
  return todo("deleteIkeSa");
}

export function deleteChildSas(protocol: IpsecProtocol, children: readonly ChildSpis[]): Delete {
  return todo("deleteChildSas");
}

export function applyDelete<C extends ChildSpis>(ike: IkeSa, children: readonly C[], d: Delete): DeleteOutcome<C> {
  return todo("applyDelete");
}
