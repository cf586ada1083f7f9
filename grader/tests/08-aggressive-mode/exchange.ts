/**
 * What the chapter 08 hidden tests share: configurations (the seed's
 * routers, the strongSwan recordings, random ones), random sources that
 * replay recorded octets or hand the same stream to two implementations, a
 * field layout for whole ISAKMP messages, and a check for NegotiationError's
 * notify type. (Not a test file.)
 */
import { TeachingError, expectEqual, expectThrows, isakmpHeaderLayout, rng, type Layout, type Rng } from "@teach";
import { PAYLOAD_TYPE_NAMES } from "@course/isakmp-names.ts";
import { NOTIFY_TYPE_NAMES } from "@course/isakmp-attributes.ts";
import type { IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import { SEED_SUITE } from "@ref/04-negotiation/ike-transform.ts";
import type { RandomSource } from "@ref/05-diffie-hellman/keypair.ts";
import type { Endpoint, Phase1Config } from "@ref/07-main-mode/exchange.ts";
import { STRONGSWAN_PSK, type AggressiveExchange } from "./strongswan-vectors.ts";

export const b = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, "hex"));
export const hexOf = (x: Uint8Array): string => Buffer.from(x).toString("hex");

export const R1: Endpoint = { address: "192.168.12.1", port: 500 };
export const R2: Endpoint = { address: "192.168.12.2", port: 500 };
export const at4500 = (e: Endpoint): Endpoint => ({ ...e, port: 4500 });

/** Hands out recorded octets in order; asking for another length means the steps draw in another order. */
export function replayRandom(draws: readonly string[], who: string): RandomSource {
  const queue = draws.map(b);
  return (n) => {
    const next = queue.shift();
    if (!next) throw new TeachingError(`${who}: the random source was asked for ${n} more octets than the recorded exchange used. Draw the cookie, then the private value, then the nonce, nothing else.`);
    if (next.length !== n) throw new TeachingError(`${who}: the random source was asked for ${n} octets where the recorded exchange drew ${next.length}. The order is: cookie (8), Diffie-Hellman private value, nonce (config.nonceBytes).`);
    return next;
  };
}

/** Our side's configuration in a strongSwan recording (grader/interop/aggressive-mode-peer.ts). */
export function strongswanConfig(x: AggressiveExchange): Phase1Config {
  const [local, remote] = x.ours === "initiator" ? [R1, R2] : [R2, R1];
  return {
    local,
    remote,
    psk: new TextEncoder().encode(STRONGSWAN_PSK),
    suites: [SEED_SUITE],
    prefer: "responder",
    identity: { protocolId: 17, port: 500, identity: { type: "ipv4", address: local.address } },
    nonceBytes: 20,
    natTraversal: true,
    vendorIds: { sa: [], keyExchange: [] },
    random: replayRandom(x.draws, `the recorded ${x.label}`),
  };
}

/** Two random sources that produce the same octets: one for the code under test, one for the reference. */
export function twinRandom(label: string): [RandomSource, RandomSource] {
  const a = rng(label);
  const c = rng(label);
  return [(n) => a.bytes(n), (n) => c.bytes(n)];
}

const SUITES: readonly IkeSuite[] = [
  SEED_SUITE,
  { encryption: 7, keyLength: 256, hash: 4, authMethod: 1, group: 2, lifetimeSeconds: 28800 },
  { encryption: 5, hash: 1, authMethod: 1, group: 2, lifetimeSeconds: 3600 },
  { encryption: 7, keyLength: 192, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 },
  { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 1, lifetimeSeconds: 86400 },
  { encryption: 7, keyLength: 256, hash: 5, authMethod: 1, group: 1, lifetimeSeconds: 7200 },
];

const address = (r: Rng) => `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;

/** Shared settings of one random exchange: the offer, the key, the addresses, NAT-T on or off. */
export interface RandomPair {
  readonly initiator: Omit<Phase1Config, "random">;
  readonly responder: Omit<Phase1Config, "random">;
}

/** A random pair of peers that agree: one group, one acceptable transform, the same PSK. */
export function randomPair(r: Rng): RandomPair {
  const group = r.pick([1, 2]);
  const same = SUITES.filter((s) => s.group === group);
  const offer = same.filter(() => r.next() < 0.6);
  if (offer.length === 0) offer.push(same[0]!);
  const accepted = r.pick(offer);
  const psk = r.bytes(r.int(4, 24));
  const i: Endpoint = { address: address(r), port: 500 };
  const p: Endpoint = { address: address(r), port: 500 };
  const vids = () => Array.from({ length: r.int(0, 3) }, () => r.bytes(r.pick([8, 16, 20])));
  // Each side's NAT-T setting on its own: NAT-D only when both sent the RFC 3947 vendor ID.
  const side = (local: Endpoint, remote: Endpoint, suites: IkeSuite[]): Omit<Phase1Config, "random"> => ({
    local,
    remote,
    psk,
    suites,
    prefer: r.pick(["initiator", "responder"] as const),
    identity: { protocolId: r.pick([0, 17]), port: r.pick([0, 500]), identity: { type: "ipv4", address: local.address } },
    nonceBytes: r.int(8, 64),
    natTraversal: r.next() < 0.7,
    vendorIds: { sa: vids(), keyExchange: vids() },
  });
  return { initiator: side(i, p, offer), responder: side(p, i, [accepted]) };
}

/**
 * Field names for a cleartext ISAKMP message laid out like `reference`:
 * the header, then each payload's generic header and body.
 */
export function messageLayout(reference: Uint8Array): Layout {
  const fields = [...isakmpHeaderLayout];
  let type = reference[16]!;
  let offset = 28;
  let n = 1;
  while (type !== 0 && offset + 4 <= reference.length) {
    const length = (reference[offset + 2]! << 8) | reference[offset + 3]!;
    const name = `${PAYLOAD_TYPE_NAMES.get(type) ?? "Unknown"} payload (#${n} in the chain)`;
    fields.push({ name: `Next payload of the ${name}`, offset, length: 1 });
    fields.push({ name: `Payload length of the ${name}`, offset: offset + 2, length: 2 });
    fields.push({ name: `body of the ${name}`, offset: offset + 4, length: Math.max(0, length - 4) });
    type = reference[offset]!;
    offset += Math.max(length, 4);
    n++;
  }
  return fields;
}

/** A NegotiationError (naming `field` when given) whose notifyType is `notify`: the notification the peer is sent. */
export function expectNegotiation(fn: () => unknown, notify: number, field: string | undefined, what: string, why: string): void {
  expectThrows(fn, { what, error: "NegotiationError", ...(field === undefined ? {} : { field }), why });
  try {
    fn();
  } catch (e) {
    const got = (e as { notifyType?: unknown }).notifyType;
    expectEqual(got, notify, { what: `${what}: the NegotiationError's notifyType`, why: `the peer must be told ${NOTIFY_TYPE_NAMES.get(notify)} (${notify}). ${why}` });
  }
}
