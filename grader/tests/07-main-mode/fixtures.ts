/**
 * Shared by the chapter 07 hidden tests (not a test file): the seed's router
 * configurations, the configuration of our side in the strongSwan recordings,
 * random sources that replay recorded octets, and a field layout for whole
 * ISAKMP messages so a wrong byte is named by its payload.
 */
import { IKE_ATTRIBUTE_CLASSES } from "@course/isakmp-attributes.ts";
import { PAYLOAD_TYPE_NAMES } from "@course/isakmp-names.ts";
import { TeachingError, fromHexLoose, isakmpHeaderLayout, rng, type FieldSpec, type Layout } from "@teach";
import type { RandomSource } from "@ref/05-diffie-hellman/keypair.ts";
import type { Phase1Config } from "@ref/07-main-mode/exchange.ts";
import { SEED_MAIN_MODE_LENGTHS, SEED_R1, SEED_R2, SEED_VENDOR_IDS, seedInitiatorConfig, seedResponderConfig } from "../../src/pcap/scenarios/seed-config.ts";
import { STRONGSWAN_HALF_EXCHANGES, STRONGSWAN_PSK, type HalfMainMode } from "./strongswan-vectors.ts";

/** The recorded exchanges in which our side played `role`. */
export const recordedAs = (role: "initiator" | "responder"): HalfMainMode[] => STRONGSWAN_HALF_EXCHANGES.filter((x) => x.ours === role);

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
    suites: [x.suite],
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

const u16 = (m: Uint8Array, at: number) => (m[at]! << 8) | m[at + 1]!;

/** The generic header of a payload or sub-payload at `at`: three fields named after `what`. */
function genericFields(what: string, at: number): FieldSpec[] {
  return [
    { name: `${what}: Next payload`, offset: at, length: 1 },
    { name: `${what}: Reserved`, offset: at + 1, length: 1 },
    { name: `${what}: Payload length`, offset: at + 2, length: 2 },
  ];
}

/** Phase 1 attributes from `at` to `end`, each named like Wireshark's tree ("Life-Duration (t=12)"). */
function attributeFields(m: Uint8Array, at: number, end: number, what: string): FieldSpec[] {
  const out: FieldSpec[] = [];
  while (at + 4 <= end) {
    const t = u16(m, at);
    const type = t & 0x7fff;
    const name = `${what}, ${IKE_ATTRIBUTE_CLASSES.get(type)?.name ?? "attribute"} (t=${type})`;
    if (t & 0x8000) {
      out.push({ name, offset: at, length: 4 });
      at += 4;
    } else {
      const length = u16(m, at + 2);
      out.push({ name: `${name}: type and length`, offset: at, length: 4 }, { name: `${name}: value`, offset: at + 4, length });
      at += 4 + length;
    }
  }
  return out;
}

/** An SA payload body: DOI, situation, then each proposal and transform field by field. */
function saFields(m: Uint8Array, at: number, end: number): FieldSpec[] {
  const out: FieldSpec[] = [
    { name: "Domain of interpretation", offset: at, length: 4 },
    { name: "Situation", offset: at + 4, length: 4 },
  ];
  let p = at + 8;
  for (let n = 1; p + 8 <= end; n++) {
    const plen = u16(m, p + 2);
    const spi = m[p + 6]!;
    const what = `Proposal #${n}`;
    out.push(...genericFields(what, p), { name: `${what}: Proposal number, Protocol ID, SPI Size, Proposal transforms`, offset: p + 4, length: 4 });
    if (spi > 0) out.push({ name: `${what}: SPI`, offset: p + 8, length: spi });
    let t = p + 8 + spi;
    for (let k = 1; t + 8 <= p + plen; k++) {
      const tlen = u16(m, t + 2);
      const tw = `Transform #${k}`;
      out.push(...genericFields(tw, t), { name: `${tw}: Transform number`, offset: t + 4, length: 1 }, { name: `${tw}: Transform ID`, offset: t + 5, length: 1 }, { name: `${tw}: Reserved2`, offset: t + 6, length: 2 });
      out.push(...attributeFields(m, t + 8, t + tlen, tw));
      t += Math.max(tlen, 8);
    }
    p += Math.max(plen, 8);
  }
  return out;
}

/** Header fields, then for each payload its generic header fields and body, named like Wireshark's tree (SA payloads down to each attribute). */
export function messageLayout(message: Uint8Array): Layout {
  const fields: FieldSpec[] = [...isakmpHeaderLayout];
  const seen = new Map<number, number>();
  for (const p of payloadBodies(message)) {
    const n = (seen.get(p.type) ?? 0) + 1;
    seen.set(p.type, n);
    const name = `${PAYLOAD_TYPE_NAMES.get(p.type) ?? "Unknown"} (${p.type}) payload #${n}`;
    fields.push(...genericFields(name, p.offset));
    if (p.type === 1) fields.push(...saFields(message, p.offset + 4, p.offset + 4 + p.body.length));
    else fields.push({ name: `${name}: body`, offset: p.offset + 4, length: p.body.length });
  }
  return fields;
}
