/**
 * The seed's two routers as phase 1 configurations: R1 (192.168.12.1)
 * initiates, R2 (192.168.12.2) responds, both on UDP 500, AES-128/SHA/
 * group 2/PSK/86400 s, 20-octet nonces, NAT traversal on, and the vendor
 * IDs the seed's captures show:
 *   message 1: RFC 3947, draft-ietf-ipsec-nat-t-ike-07, -03, -02\n
 *   message 2: RFC 3947
 *   message 3: RFC 3706 DPD, an unknown 16-octet ID, XAUTH
 *   message 4: CISCO-UNITY 1.0, RFC 3706 DPD, the unknown ID, XAUTH
 * Configured so, main mode messages 1 to 4 are 168, 108, 284 and 304 octets
 * long, the lengths in the seed. Used by the chapter 07 hidden tests and by
 * `ipsec-course pcap main-mode --as-seed`.
 *
 * The vendor ID bytes are the reference values (shared reference
 * vendor-ids.json); the capture does not show the unknown one's bytes, so a
 * recognisable filler stands in. The seed's routers use "cisco" as their key.
 */
import type { RandomSource } from "../../../../solutions/05-diffie-hellman/keypair.ts";
import type { Phase1Config } from "../../../../solutions/07-main-mode/exchange.ts";

const hex = (s: string) => Uint8Array.from(Buffer.from(s, "hex"));

export const SEED_R1 = { address: "192.168.12.1", port: 500 } as const;
export const SEED_R2 = { address: "192.168.12.2", port: 500 } as const;
export const SEED_PSK = "cisco";

/** Vendor IDs by their Wireshark names. */
export const SEED_VENDOR_IDS = {
  natTDraft07: hex("439b59f8ba676c4c7737ae22eab8f582"),
  natTDraft03: hex("7d9419a65310ca6f2c179d9215529d56"),
  natTDraft02n: hex("90cb80913ebb696e086381b5ec427b1f"),
  dpd: hex("afcad71368a1f1c96b8696fc77570100"),
  xauth: hex("09002689dfd6b712"),
  ciscoUnity: hex("12f5f28c457168a9702d9fe274cc0100"),
  /** The seed shows "Unknown Vendor ID" without its bytes: 16 octets of 0x11 stand in. */
  unknown: new Uint8Array(16).fill(0x11),
} as const;

/** The seed's `crypto isakmp policy 10`: AES-CBC-128, SHA, group 2, pre-shared key, 86400 s. */
const SEED_SUITE = { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 } as const;

function seedConfig(local: typeof SEED_R1 | typeof SEED_R2, remote: typeof SEED_R1 | typeof SEED_R2, random: RandomSource): Omit<Phase1Config, "vendorIds"> {
  return {
    local,
    remote,
    psk: new TextEncoder().encode(SEED_PSK),
    suites: [SEED_SUITE],
    prefer: "responder",
    identity: { protocolId: 17, port: 500, identity: { type: "ipv4", address: local.address } },
    nonceBytes: 20,
    natTraversal: true,
    random,
  };
}

/** R1, the initiator. */
export function seedInitiatorConfig(random: RandomSource): Phase1Config {
  const v = SEED_VENDOR_IDS;
  return { ...seedConfig(SEED_R1, SEED_R2, random), vendorIds: { sa: [v.natTDraft07, v.natTDraft03, v.natTDraft02n], keyExchange: [v.dpd, v.unknown, v.xauth] } };
}

/** R2, the responder. */
export function seedResponderConfig(random: RandomSource): Phase1Config {
  const v = SEED_VENDOR_IDS;
  return { ...seedConfig(SEED_R2, SEED_R1, random), vendorIds: { sa: [], keyExchange: [v.ciscoUnity, v.dpd, v.unknown, v.xauth] } };
}

/** The ISAKMP Length of main mode messages 1 to 4 in the seed's captures. */
export const SEED_MAIN_MODE_LENGTHS = [168, 108, 284, 304] as const;
