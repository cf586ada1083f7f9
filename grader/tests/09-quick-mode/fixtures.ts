/**
 * Shared by the chapter 09 hidden tests (not a test file): IKE SAs built
 * from strongSwan's recorded exchanges and from seeded randomness, the
 * quick mode policies of both sides, a scripted random source, and an
 * independent HMAC (node:crypto) for checking hashes and keys.
 */
import { createHmac } from "node:crypto";
import { expectEqual, expectThrows, type Rng } from "@teach";
import type { HashName } from "@course/ike-algorithms.ts";
import type { IpsecSuite, Lifetime } from "@ref/04-negotiation/ipsec-transform.ts";
import type { TransformSet } from "@ref/04-negotiation/phase2.ts";
import { SEED_SUITE } from "@ref/04-negotiation/ike-transform.ts";
import type { IkeSa, Role } from "@ref/07-main-mode/exchange.ts";
import type { Phase2Config } from "@ref/09-quick-mode/proxy-id.ts";
import type { StrongswanQuickMode } from "./strongswan-vectors.ts";

export const b = (hexText: string): Uint8Array => Uint8Array.from(Buffer.from(hexText.replace(/\s+/g, ""), "hex"));
export const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
export const u32 = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

const NODE_HASH: Record<HashName, string> = { md5: "md5", sha1: "sha1", sha256: "sha256", sha384: "sha384", sha512: "sha512" };

/** HMAC from node:crypto: nobody in this course wrote it. */
export function hmac(h: HashName, key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const m = createHmac(NODE_HASH[h], key);
  for (const d of data) m.update(d);
  return new Uint8Array(m.digest());
}

/** The seed's transform set: `crypto ipsec transform-set` esp-aes esp-sha-hmac, tunnel mode (chapter 04). */
export const ESP_AES128_SHA1: IpsecSuite = { transformId: 12, authAlgorithm: 2, keyLength: 128 };
export const ESP_AES256_SHA256: IpsecSuite = { transformId: 12, authAlgorithm: 5, keyLength: 256 };
export const AH_SHA1: IpsecSuite = { transformId: 3, authAlgorithm: 2 };

/** A random source that hands out the given octet strings in order, then fails loudly. */
export function scripted(...chunks: Uint8Array[]): (n: number) => Uint8Array {
  const queue = [...chunks];
  return (n) => {
    const next = queue.shift();
    if (!next) throw new Error(`the test's random source has nothing left (asked for ${n} octets)`);
    if (next.length !== n) throw new Error(`the test's random source was asked for ${n} octets where ${next.length} were expected next: draw in the order the exercise describes`);
    return next;
  };
}

/** A seeded random source: deterministic per test, so the reference and your code get the same octets. */
export function seeded(r: Rng): (n: number) => Uint8Array {
  return (n) => r.bytes(n);
}

/** The IKE SA of one side of a strongSwan exchange: its keys as charon logged them, its endpoints on UDP 4500 with NAT-T. */
export function strongswanIke(v: StrongswanQuickMode, role: Role): IkeSa {
  const initiator = { address: "192.168.12.1", port: 4500 };
  const responder = { address: "192.168.12.2", port: 4500 };
  const [local, remote] = role === "initiator" ? [initiator, responder] : [responder, initiator];
  return {
    role,
    mode: "main",
    ckyI: b(v.ckyI),
    ckyR: b(v.ckyR),
    suite: SEED_SUITE,
    keys: { hash: v.hash, cipher: v.cipher, skeyid: b(v.skeyid), skeyid_d: b(v.skeyid_d), skeyid_a: b(v.skeyid_a), skeyid_e: b(v.skeyid_e), encKey: b(v.encKey) },
    lastIv: b(v.lastIv),
    natT: true,
    // kernel-libipsec makes charon fake its NAT-D hash: each side sees the other behind a NAT.
    nat: { localBehindNat: false, remoteBehindNat: true },
    local,
    remote,
    localId: { protocolId: 17, port: 500, identity: { type: "ipv4", address: local.address } },
    peerId: { protocolId: 17, port: 500, identity: { type: "ipv4", address: remote.address } },
  };
}

/** charon's quick mode policy, from one side: ESP AES-128/SHA-1 tunnel, 3960 s (rekey 3600 s + 10 %), 32-octet nonces. */
export function strongswanPolicy(role: Role, random: (n: number) => Uint8Array, pfsGroup?: number): Phase2Config {
  const [localSubnet, remoteSubnet] = role === "initiator" ? ["10.1.1.0/24", "10.2.2.0/24"] : ["10.2.2.0/24", "10.1.1.0/24"];
  const set: TransformSet = { esp: ESP_AES128_SHA1, mode: 1, ...(pfsGroup !== undefined && { pfsGroup }) };
  return { localSubnet, remoteSubnet, sets: [set], lifetime: { seconds: 3960 }, prefer: "responder", nonceBytes: 32, random };
}

/** Two IKE SAs as two peers hold them after main mode: same keys, mirrored roles and endpoints. */
export function ikePair(r: Rng, options: { natT: boolean; hash?: HashName; cipher?: "aes128" | "aes256" | "3des" }): { initiator: IkeSa; responder: IkeSa } {
  const hash = options.hash ?? "sha1";
  const cipher = options.cipher ?? "aes128";
  const bytes = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 }[hash];
  const keyBytes = { aes128: 16, aes256: 32, "3des": 24 }[cipher];
  const block = cipher === "3des" ? 8 : 16;
  const keys = { hash, cipher, skeyid: r.bytes(bytes), skeyid_d: r.bytes(bytes), skeyid_a: r.bytes(bytes), skeyid_e: r.bytes(bytes), encKey: r.bytes(keyBytes) };
  const common = { mode: "main" as const, ckyI: r.bytes(8), ckyR: r.bytes(8), suite: SEED_SUITE, keys, lastIv: r.bytes(block), natT: options.natT };
  const port = options.natT ? 4500 : 500;
  const a = { address: "192.168.12.1", port };
  const c = { address: "192.168.12.2", port };
  const id = (address: string) => ({ protocolId: 17, port: 500, identity: { type: "ipv4" as const, address } });
  return {
    initiator: { ...common, role: "initiator", nat: { localBehindNat: options.natT, remoteBehindNat: false }, local: a, remote: c, localId: id(a.address), peerId: id(c.address) },
    responder: { ...common, role: "responder", nat: { localBehindNat: false, remoteBehindNat: options.natT }, local: c, remote: a, localId: id(c.address), peerId: id(a.address) },
  };
}

/** The seed's lab policy from one side: R1 protects 10.1.0.0/24, R2 10.2.0.0/24 (the crypto access-lists). */
export function seedPolicy(role: Role, random: (n: number) => Uint8Array, sets: TransformSet[], lifetime: Lifetime = { seconds: 3600, kilobytes: 4608000 }): Phase2Config {
  const [localSubnet, remoteSubnet] = role === "initiator" ? ["10.1.0.0/24", "10.2.0.0/24"] : ["10.2.0.0/24", "10.1.0.0/24"];
  return { localSubnet, remoteSubnet, sets, lifetime, prefer: "responder", nonceBytes: 20, random };
}

/** expectThrows for a refusal, plus the notify type the peer must be told. */
export function expectRefusal(fn: () => unknown, notifyType: number, field: string, what: string, why: string): void {
  expectThrows(fn, { what, error: "NegotiationError", field, why });
  try {
    fn();
  } catch (e) {
    expectEqual((e as { notifyType?: unknown }).notifyType, notifyType, { what: `${what}: the notify type of the NegotiationError`, why });
  }
}
