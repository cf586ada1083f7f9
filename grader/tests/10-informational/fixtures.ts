/** IKE SAs for the chapter 10 hidden tests and the informational interop test: strongSwan's, and random ones. (Not a test file.) */
import type { Rng } from "@teach";
import type { CipherName, HashName } from "@course/ike-algorithms.ts";
import { IKE_CIPHERS, IKE_HASHES } from "@course/ike-algorithms.ts";
import type { IkeSa } from "@ref/07-main-mode/exchange.ts";
import { IKE_SA } from "./strongswan-vectors.ts";

/** Field names of a Notification body (RFC 2408 section 3.14) naming an ISAKMP SA, for expectBytes. */
export const NOTIFY_LAYOUT = [
  { name: "Domain of interpretation", offset: 0, length: 4 },
  { name: "Protocol ID", offset: 4, length: 1 },
  { name: "SPI Size", offset: 5, length: 1 },
  { name: "Notify Message Type", offset: 6, length: 2 },
  { name: "SPI (CKY-I | CKY-R)", offset: 8, length: 16 },
  { name: "Notification DATA", offset: 24, length: 100 },
];

/** Field names of a Delete body (RFC 2408 section 3.15). */
export const DELETE_LAYOUT = [
  { name: "Domain of interpretation", offset: 0, length: 4 },
  { name: "Protocol ID", offset: 4, length: 1 },
  { name: "SPI Size", offset: 5, length: 1 },
  { name: "Number of SPIs", offset: 6, length: 2 },
  { name: "Delete SPI", offset: 8, length: 100 },
];

export const b = (hexText: string): Uint8Array => Uint8Array.from(Buffer.from(hexText.replace(/\s+/g, ""), "hex"));

const ID = (a: string) => ({ protocolId: 17, port: 500, identity: { type: "ipv4" as const, address: a } });

export function ikeSa(fields: { ckyI: Uint8Array; ckyR: Uint8Array; hash: HashName; cipher: CipherName; skeyid_a: Uint8Array; encKey: Uint8Array; lastIv: Uint8Array; role: "initiator" | "responder" }): IkeSa {
  const { ckyI, ckyR, hash, cipher, skeyid_a, encKey, lastIv, role } = fields;
  const local = { address: role === "initiator" ? "192.168.12.1" : "192.168.12.2", port: 4500 };
  const remote = { address: role === "initiator" ? "192.168.12.2" : "192.168.12.1", port: 4500 };
  // Only the cookies, SKEYID_a, the cipher key and the last phase-1 block
  // matter to an informational exchange; the rest is filled in to be whole.
  const filler = new Uint8Array(IKE_HASHES[hash].bytes);
  const c = IKE_CIPHERS[cipher];
  return {
    role,
    mode: "main",
    ckyI,
    ckyR,
    suite: { encryption: c.id, ...(c.id === 7 ? { keyLength: c.keyBytes * 8 } : {}), hash: IKE_HASHES[hash].id, authMethod: 1, group: 2, lifetimeSeconds: 86400 },
    keys: { hash, cipher, skeyid: filler, skeyid_d: filler, skeyid_a, skeyid_e: filler, encKey },
    lastIv,
    natT: true,
    nat: { localBehindNat: true, remoteBehindNat: true },
    local,
    remote,
    localId: ID(local.address),
    peerId: ID(remote.address),
  };
}

/** The IKE SA of the recorded strongSwan exchange, as one side or the other holds it. */
export function strongswanIke(role: "initiator" | "responder" = "initiator"): IkeSa {
  return ikeSa({ ckyI: b(IKE_SA.ckyI), ckyR: b(IKE_SA.ckyR), hash: IKE_SA.hash, cipher: IKE_SA.cipher, skeyid_a: b(IKE_SA.skeyid_a), encKey: b(IKE_SA.encKey), lastIv: b(IKE_SA.lastIv), role });
}

/** A random IKE SA with one of the course's ciphers and hashes. */
export function randomIke(r: Rng): IkeSa {
  const hash = r.pick(["md5", "sha1", "sha256", "sha384", "sha512"] as const);
  const cipher = r.pick(["aes128", "aes192", "aes256", "3des"] as const);
  const c = IKE_CIPHERS[cipher];
  return ikeSa({
    ckyI: r.bytes(8),
    ckyR: r.bytes(8),
    hash,
    cipher,
    skeyid_a: r.bytes(IKE_HASHES[hash].bytes),
    encKey: r.bytes(c.keyBytes),
    lastIv: r.bytes(c.blockBytes),
    role: r.pick(["initiator", "responder"] as const),
  });
}
