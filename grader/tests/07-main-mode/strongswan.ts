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
import type { Phase1Config, Phase1Keys, Phase1State } from "@ref/07-main-mode/exchange.ts";
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

/**
 * charon's state from the values it logged and sent: the initiator
 * (192.168.12.1) just before sealing message 5, or the responder
 * (192.168.12.2) after message 4. Both hold the phase-1 IV: the initiator's
 * message 5 is encrypted with it, the responder decrypts message 5 with it.
 */
export function charonState(x: StrongswanExchange, role: "initiator" | "responder"): Phase1State {
  const [me, peer] = role === "initiator" ? ["192.168.12.1", "192.168.12.2"] : ["192.168.12.2", "192.168.12.1"];
  const config = {
    local: { address: me, port: 500 },
    remote: { address: peer, port: 500 },
    psk: new TextEncoder().encode(x.psk),
    suites: [{ encryption: 7, keyLength: x.cipher === "aes128" ? 128 : 256, hash: x.hash === "sha1" ? 2 : 4, authMethod: 1, group: x.group, lifetimeSeconds: 86400 }],
    prefer: "responder",
    identity: charonId(me),
    nonceBytes: 32,
    natTraversal: true,
    vendorIds: { sa: [], keyExchange: [] },
    random: () => {
      throw new Error("nothing random is drawn after message 4");
    },
  } satisfies Phase1Config;
  return {
    role,
    mode: "main",
    config,
    ckyI: b(x.ckyI),
    ckyR: b(x.ckyR),
    messages: role === "initiator" ? 5 : 4,
    saiB: b(x.saiB),
    suite: config.suites[0],
    natT: true,
    gxi: b(x.gxi),
    gxr: b(x.gxr),
    ni: b(x.ni),
    nr: b(x.nr),
    keys: charonKeys(x),
    iv: b(x.iv),
    // charon with kernel-libipsec fakes a NAT so both sides float to 4500.
    nat: { localBehindNat: true, remoteBehindNat: true },
  };
}

