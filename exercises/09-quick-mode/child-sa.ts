/**
 * Exercise 09-quick-mode/child-sa: the CHILD SA quick mode produced, as the
 * two entries of chapter 15's SA database.
 *
 * `sadEntries(child, local, remote)` returns [inbound, outbound] SadEntry
 * values (../15-sad/sad.ts):
 *
 * - direction "inbound" with child.inbound (our SPI, the keys for packets
 *   we receive), "outbound" with child.outbound (the peer's SPI).
 * - mode: child.mode. In tunnel mode add `tunnel: { src, dst }` with the
 *   IKE addresses: outbound from local.address to remote.address, inbound
 *   the other way round. In transport mode leave `tunnel` out.
 * - protocol "ESP": sa = { spi, encryption, encryptionKey, integrity,
 *   integrityKey }; child.encryption missing -> FieldError("Transform ID",
 *   "none", reason). Protocol "AH": sa = { spi, integrity, integrityKey };
 *   integrity "none" -> FieldError("Authentication-Algorithm", "none", reason).
 * - lifetime (../15-sad/lifetime.ts): hardSeconds = lifetime.seconds,
 *   hardBytes = lifetime.kilobytes * 1024, each soft limit =
 *   Math.floor(90 % of the hard one); a kind not negotiated is left out.
 *
 * Lesson: lessons/09-quick-mode.md#child-sa
 */
import { todo } from "@course/todo.ts";
import type { Endpoint } from "../07-main-mode/exchange.ts";
import type { SadEntry } from "../15-sad/sad.ts";
import type { ChildSa } from "./proxy-id.ts";

export function sadEntries(child: ChildSa, local: Endpoint, remote: Endpoint): SadEntry[] {
  return todo("sadEntries");
}
