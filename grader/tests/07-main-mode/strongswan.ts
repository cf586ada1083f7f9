/**
 * strongSwan's main mode messages 5 and 6, as whole datagrams, with the keys
 * charon logged (grader/tests/06-phase1-keys/strongswan-vectors.ts). The
 * vectors keep the encrypted bodies; the 28-octet headers are rebuilt from
 * the captured fields: the exchange's cookies, Next Payload ID (5), version
 * 1.0, Identity Protection (2), flags 0x01 (E), Message ID 0, and Length =
 * 28 + body (the interop suite checks those fields on the wire). charon sent
 * them on UDP 4500 after the 4-octet non-ESP marker, which is not part of
 * the ISAKMP message. (Not a test file.)
 */
import type { Identification } from "@ref/03-payloads/identification.ts";
import type { Phase1Keys } from "@ref/07-main-mode/exchange.ts";
import { STRONGSWAN_EXCHANGES, type StrongswanExchange } from "../06-phase1-keys/strongswan-vectors.ts";
import { b, cat } from "../06-phase1-keys/vectors.ts";

export { STRONGSWAN_EXCHANGES, b, cat, type StrongswanExchange };

export function charonKeys(x: StrongswanExchange): Phase1Keys {
  return { hash: x.hash, cipher: x.cipher, skeyid: b(x.skeyid), skeyid_d: b(x.skeyid_d), skeyid_a: b(x.skeyid_a), skeyid_e: b(x.skeyid_e), encKey: b(x.encKey) };
}

function datagram(x: StrongswanExchange, body: Uint8Array): Uint8Array {
  const h = new Uint8Array(28);
  h.set(b(x.ckyI), 0);
  h.set(b(x.ckyR), 8);
  h.set([5, 0x10, 2, 0x01], 16);
  new DataView(h.buffer).setUint32(24, 28 + body.length);
  return cat(h, body);
}

/** charon's message 5 (initiator 192.168.12.1): ID, HASH_I, INITIAL-CONTACT; 80 encrypted octets. */
export const charonMessage5 = (x: StrongswanExchange): Uint8Array => datagram(x, b(x.message5));
/** charon's message 6 (responder 192.168.12.2): ID, HASH_R. */
export const charonMessage6 = (x: StrongswanExchange): Uint8Array => datagram(x, b(x.message6));

/** The identities charon sent: ID_IPV4_ADDR, protocol 0, port 0. */
export const charonId = (address: string): Identification => ({ protocolId: 0, port: 0, identity: { type: "ipv4", address } });
