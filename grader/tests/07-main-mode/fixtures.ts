/**
 * Shared by the chapter 07 hidden tests (not a test file): the seed's router
 * configurations, the configuration of our side in the strongSwan recordings,
 * random sources that replay recorded octets, and a field layout for whole
 * ISAKMP messages so a wrong byte is named by its payload.
 */
import { PAYLOAD_TYPE_NAMES } from "@course/isakmp-names.ts";
import { TeachingError, fromHexLoose, isakmpHeaderLayout, rng, type FieldSpec, type Layout } from "@teach";
import type { RandomSource } from "@ref/05-diffie-hellman/keypair.ts";
import type { Phase1Config } from "@ref/07-main-mode/exchange.ts";
import { SEED_SUITE } from "@ref/04-negotiation/ike-transform.ts";
import { SEED_MAIN_MODE_LENGTHS, SEED_R1, SEED_R2, SEED_VENDOR_IDS, seedInitiatorConfig, seedResponderConfig } from "../../src/pcap/scenarios/seed-config.ts";
import { STRONGSWAN_PSK, type HalfMainMode } from "./strongswan-vectors.ts";

export { SEED_MAIN_MODE_LENGTHS, SEED_R1, SEED_R2, SEED_VENDOR_IDS, seedInitiatorConfig, seedResponderConfig };

export const b = fromHexLoose;

/**
 * A random source that hands out the recorded octets in order. Asked for a
 * different number of octets than was drawn at that point, it stops the test
 * with an explanation: the order of draws is part of the exercise.
 */
export function replay(draws: readonly string[], what: string): RandomSource {
  let i = 0;
  return (n) => {
    const next = draws[i];
    if (next === undefined) throw new TeachingError(`${what}: your code drew random octets a ${i + 1}th time; the recorded exchange drew only ${draws.length} times (cookie, private value, nonce).`);
    const bytes = b(next);
    if (bytes.length !== n) {
      throw new TeachingError(`${what}: draw #${i + 1} asked for ${n} octets, but at this point the recorded exchange drew ${bytes.length}. The order is: 8 for the cookie, the group's length (128 in group 2) for the private value, then config.nonceBytes for the nonce.`);
    }
    i++;
    return bytes;
  };
}

/** A seeded random source for randomized cases (the same octets for ours and the reference when built twice with one label). */
export function seeded(label: string): RandomSource {
  const r = rng(label);
  return (n) => r.bytes(n);
}

/** Our side's configuration in the strongSwan recordings (grader/interop/main-mode-peer.ts). */
export function strongswanConfig(x: HalfMainMode, random: RandomSource): Phase1Config {
  const [local, remote] = x.ours === "initiator" ? ["192.168.12.1", "192.168.12.2"] : ["192.168.12.2", "192.168.12.1"];
  return {
    local: { address: local, port: 500 },
    remote: { address: remote, port: 500 },
    psk: new TextEncoder().encode(STRONGSWAN_PSK),
    suites: [SEED_SUITE],
    prefer: "responder",
    identity: { protocolId: 17, port: 500, identity: { type: "ipv4", address: local } },
    nonceBytes: 20,
    natTraversal: true,
    vendorIds: { sa: [], keyExchange: [] },
    random,
  };
}

/** The payload bodies of a message, by walking its chain (test-side, for expected values). */
export function payloadBodies(message: Uint8Array): { type: number; offset: number; body: Uint8Array }[] {
  const out: { type: number; offset: number; body: Uint8Array }[] = [];
  let type = message[16]!;
  let at = 28;
  while (type !== 0 && at + 4 <= message.length) {
    const length = (message[at + 2]! << 8) | message[at + 3]!;
    out.push({ type, offset: at, body: message.slice(at + 4, at + length) });
    type = message[at]!;
    at += length;
  }
  return out;
}

/** Header fields, then for each payload its generic header fields and body, named like Wireshark's tree. */
export function messageLayout(message: Uint8Array): Layout {
  const fields: FieldSpec[] = [...isakmpHeaderLayout];
  const seen = new Map<number, number>();
  for (const p of payloadBodies(message)) {
    const n = (seen.get(p.type) ?? 0) + 1;
    seen.set(p.type, n);
    const name = `${PAYLOAD_TYPE_NAMES.get(p.type) ?? "Unknown"} (${p.type}) payload #${n}`;
    fields.push(
      { name: `${name}: Next payload`, offset: p.offset, length: 1 },
      { name: `${name}: Reserved`, offset: p.offset + 1, length: 1 },
      { name: `${name}: Payload length`, offset: p.offset + 2, length: 2 },
      { name: `${name}: body`, offset: p.offset + 4, length: p.body.length },
    );
  }
  return fields;
}
