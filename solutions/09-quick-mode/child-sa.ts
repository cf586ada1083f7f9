/**
 * Exercise 09-quick-mode/child-sa: the CHILD SA quick mode produced, as the
 * two entries of chapter 15's security association database (reference
 * solution).
 *
 * RFC 4301 section 4.4.2: an SA is one direction. The inbound entry is
 * found by the SPI we chose (the peer puts it in every packet it sends us)
 * and holds the keys KEYMAT gave for that SPI; the outbound entry carries
 * the peer's SPI and the other keys. In tunnel mode the outer header goes
 * from our IKE address to the peer's (the seed's R1 192.168.12.1 to R2
 * 192.168.12.2): the tunnel ends are the IKE endpoints, the subnets stay
 * inside. UDP encapsulation (RFC 3948) is the transport's business
 * (chapter 15's natt): the SAD entry is the same.
 *
 * Lifetimes: the hard limits are the negotiated ones (kilobytes become
 * bytes); the soft limits, at which a new SA is negotiated while this one
 * still works, are 90 % of them (strongSwan's default rekey margin is
 * 10 %: rekey_time = life_time / 1.1).
 *
 * Lesson: lessons/09-quick-mode.md#child-sa
 */
import { FieldError } from "@course/errors.ts";
import type { Endpoint } from "../07-main-mode/exchange.ts";
import type { Lifetime } from "../15-sad/lifetime.ts";
import type { SadEntry } from "../15-sad/sad.ts";
import type { ChildKeys, ChildSa } from "./proxy-id.ts";

const SOFT_SHARE = 0.9;

function limits(child: ChildSa): Lifetime {
  const out: { softSeconds?: number; hardSeconds?: number; softBytes?: number; hardBytes?: number } = {};
  if (child.lifetime.seconds !== undefined) {
    out.hardSeconds = child.lifetime.seconds;
    out.softSeconds = Math.floor(child.lifetime.seconds * SOFT_SHARE);
  }
  if (child.lifetime.kilobytes !== undefined) {
    out.hardBytes = child.lifetime.kilobytes * 1024;
    out.softBytes = Math.floor(out.hardBytes * SOFT_SHARE);
  }
  return out;
}

function entry(child: ChildSa, direction: "inbound" | "outbound", keys: ChildKeys, src: Endpoint, dst: Endpoint): SadEntry {
  const common = {
    direction,
    mode: child.mode,
    lifetime: limits(child),
    ...(child.mode === "tunnel" && { tunnel: { src: src.address, dst: dst.address } }),
  };
  if (child.protocol === "AH") {
    if (child.integrity === "none") throw new FieldError("Authentication-Algorithm", "none", "AH is nothing but its integrity check");
    return { ...common, protocol: "AH", sa: { spi: keys.spi, integrity: child.integrity, integrityKey: keys.integKey } };
  }
  if (!child.encryption) throw new FieldError("Transform ID", "none", "this course's ESP always encrypts");
  return { ...common, protocol: "ESP", sa: { spi: keys.spi, encryption: child.encryption, encryptionKey: keys.encKey, integrity: child.integrity, integrityKey: keys.integKey } };
}

/** [inbound, outbound]: packets from `remote` to `local` on our SPI, and ours to `remote` on the peer's. */
export function sadEntries(child: ChildSa, local: Endpoint, remote: Endpoint): SadEntry[] {
  return [entry(child, "inbound", child.inbound, remote, local), entry(child, "outbound", child.outbound, local, remote)];
}
