/**
 * The peer's configuration file (`ipsec-course ike ... --config FILE`), a
 * small JSON object that says what the seed's router configuration says:
 *
 *   {
 *     "local": "192.168.12.1", "remote": "192.168.12.2",
 *     "psk": "cisco123",
 *     "mode": "main",
 *     "phase1": "aes128-sha1-modp1024",
 *     "phase2": "aes128-sha1",
 *     "localSubnet": "10.1.1.0/24", "remoteSubnet": "10.2.2.0/24",
 *     "pfsGroup": "modp1024",
 *     "lifetimes": { "ike": 86400, "ipsec": 3600 }
 *   }
 *
 * Proposals use strongSwan's spelling, so the same words work on both ends:
 * phase 1 is cipher-hash-group, phase 2 (ESP) is cipher-integrity. A list of
 * proposals is offered in order (initiator) or accepted in order (responder).
 * Optional: "natTraversal" (default true), "dpd" (below), "nonceBytes"
 * (default 20, as the seed's routers), "identity" (default our address),
 * "retransmit", "encap" (default false), and for the tunnel daemon "rekey"
 * and "deleteRekeyed".
 *
 * "encap": true asks for UDP encapsulation of ESP (RFC 3948) even where no
 * NAT is in the way. RFC 3947 has no flag for that: NAT-T switches to UDP
 * 4500 and the UDP-Encapsulated modes only when a NAT-D hash does not match.
 * So, as strongSwan does with encap = yes, our own NAT-D describes a port no
 * socket has (0): the peer then sees us "behind a NAT", we see the same in
 * its hash of us, IKE moves to 4500 and quick mode agrees on
 * UDP-Encapsulated-Tunnel (3). The tunnel daemon always sets it: its data
 * plane can only send ESP inside UDP (userspace has no raw ESP socket).
 * One case it cannot force alone: as an aggressive mode initiator, whose
 * NAT-D goes in message 3 after the move to 4500 and names that real port
 * (chapter 08); the responder must then force too (both daemons of a tunnel
 * do, and strongSwan with kernel-libipsec always does).
 *
 * "dpd": false = do not announce RFC 3706 dead peer detection and never
 * ask (an R-U-THERE is still answered); true (the default) = announce it
 * and, in the tunnel, ask after 30 s without a word from the peer, again
 * every 5 s, and declare the peer dead when 3 questions went unanswered
 * (so 45 s of silence); an object {"delay", "retry", "tries"} (seconds,
 * seconds, count) sets those. strongSwan's dpd_delay is the same "delay".
 *
 * "rekey": {"margin", "rand"} in seconds, chapter 10's RekeyPolicy: a new
 * SA is negotiated margin + a random 0..rand seconds before the old one's
 * hard lifetime (strongSwan's margintime and rekeyfuzz). Default 540 and
 * 180 (strongSwan's 9 minutes, and a third of it as jitter), or 15 % and
 * 5 % of the shorter lifetime when that is under an hour; given values must
 * fit inside the shorter lifetime. "deleteRekeyed": true sends a Delete for
 * an SA 10 s after its successor is up; false (the default, strongSwan's
 * IKEv1 behaviour) keeps it for inbound packets until it expires.
 */
import { readFileSync } from "node:fs";
import { AuthAlgorithm, AuthMethod, Encryption, EncapsulationMode, Hash, TransformId } from "@course/isakmp-attributes.ts";
import type { IkeSuite } from "../../../solutions/04-negotiation/ike-transform.ts";
import type { RandomSource } from "../../../solutions/05-diffie-hellman/keypair.ts";
import type { DpdPolicy, Phase1Config, Phase1Mode, Phase2Config, RekeyPolicy, RetransmitPolicy, TransformSet } from "./modules.ts";
import { systemRandom } from "./seeded-random.ts";

/** RFC 3706 section 5.1: the vendor ID that says "I answer R-U-THERE". */
const DPD_VENDOR_ID = Uint8Array.from(Buffer.from("afcad71368a1f1c96b8696fc77570100", "hex"));

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export interface PeerSettings {
  readonly mode: Phase1Mode;
  readonly phase1: Phase1Config;
  readonly phase2: Phase2Config;
  /** Absent: the chapter 07 Retransmitter's own default (strongSwan's timing). */
  readonly retransmit?: RetransmitPolicy;
  /** When to ask R-U-THERE (ms); undefined: never ask (still answer). */
  readonly dpd?: DpdPolicy;
  /** When to start a new SA before the old one's hard lifetime (seconds). */
  readonly rekey: RekeyPolicy;
  /** Delete a rekeyed SA once its successor is up (else it expires). */
  readonly deleteRekeyed: boolean;
  /** Force UDP encapsulation: our NAT-D hashes carry port 0 (see "encap" above). */
  readonly encap: boolean;
}

/** The port our NAT-D hashes name under "encap": no UDP socket is bound to port 0, so it never matches. */
export const FAKE_NAT_PORT = 0;

/** RFC 3706 leaves the timing to the implementation: strongSwan's 30 s delay, then quicker retries. */
const DEFAULT_DPD = { delay: 30, retry: 5, tries: 3 } as const;
/** strongSwan's margintime (9 minutes) and a third of it as random extra. */
const DEFAULT_REKEY = { margin: 540, rand: 180 } as const;

const IKE_CIPHERS: Readonly<Record<string, { encryption: number; keyLength?: number }>> = {
  aes128: { encryption: Encryption.AES_CBC, keyLength: 128 },
  aes192: { encryption: Encryption.AES_CBC, keyLength: 192 },
  aes256: { encryption: Encryption.AES_CBC, keyLength: 256 },
  "3des": { encryption: Encryption.TRIPLE_DES_CBC },
};
const IKE_HASHES: Readonly<Record<string, number>> = { md5: Hash.MD5, sha1: Hash.SHA, sha256: Hash.SHA2_256, sha384: Hash.SHA2_384, sha512: Hash.SHA2_512 };
/** strongSwan's names for the MODP groups (RFC 2409 section 6, RFC 3526). */
const GROUPS: Readonly<Record<string, number>> = { modp768: 1, modp1024: 2, modp1536: 5, modp2048: 14, modp3072: 15 };
/** The ESP ciphers chapters 09 and 13 implement (grader/support/ipsec-suites.ts). */
const ESP_CIPHERS: Readonly<Record<string, { transformId: number; keyLength: number }>> = {
  aes128: { transformId: TransformId.ESP_AES, keyLength: 128 },
  aes256: { transformId: TransformId.ESP_AES, keyLength: 256 },
};
const ESP_INTEGRITY: Readonly<Record<string, number>> = { md5: AuthAlgorithm.HMAC_MD5, sha1: AuthAlgorithm.HMAC_SHA, sha256: AuthAlgorithm.HMAC_SHA2_256 };

function pick<T>(table: Readonly<Record<string, T>>, word: string | undefined, what: string, proposal: string): T {
  if (word === undefined || !Object.hasOwn(table, word)) {
    throw new ConfigError(`${what} "${word ?? ""}" in "${proposal}" is not one of ${Object.keys(table).join(", ")}`);
  }
  return table[word]!;
}

/** "aes128-sha1-modp1024" -> the chapter 04 suite, pre-shared key authentication. */
export function ikeSuite(proposal: string, lifetimeSeconds: number): IkeSuite {
  const [cipher, hash, group, ...extra] = proposal.split("-");
  if (extra.length > 0) throw new ConfigError(`phase 1 proposal "${proposal}": cipher-hash-group, e.g. aes128-sha1-modp1024`);
  return {
    ...pick(IKE_CIPHERS, cipher, "cipher", proposal),
    hash: pick(IKE_HASHES, hash, "hash", proposal),
    authMethod: AuthMethod.PRE_SHARED_KEY,
    group: pick(GROUPS, group, "group", proposal),
    lifetimeSeconds,
  };
}

/** "aes128-sha1" -> an ESP transform set in tunnel mode (chapter 09 switches to UDP-encapsulated tunnel under NAT-T). */
export function espTransformSet(proposal: string, pfsGroup: number | undefined): TransformSet {
  const [cipher, integrity, ...extra] = proposal.split("-");
  if (extra.length > 0) throw new ConfigError(`phase 2 proposal "${proposal}": cipher-integrity, e.g. aes128-sha1`);
  return {
    mode: EncapsulationMode.TUNNEL,
    ...(pfsGroup !== undefined ? { pfsGroup } : {}),
    esp: { ...pick(ESP_CIPHERS, cipher, "ESP cipher", proposal), authAlgorithm: pick(ESP_INTEGRITY, integrity, "ESP integrity", proposal) },
  };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function address(value: unknown, key: string): string {
  if (typeof value !== "string" || !IPV4.test(value)) throw new ConfigError(`"${key}" must be an IPv4 address like "192.168.12.1"`);
  return value;
}

function subnet(value: unknown, key: string): string {
  const [net, bits, ...rest] = typeof value === "string" ? value.split("/") : [];
  const n = Number(bits);
  if (rest.length > 0 || !net || !IPV4.test(net) || !Number.isInteger(n) || n < 0 || n > 32) {
    throw new ConfigError(`"${key}" must be a subnet like "10.1.1.0/24"`);
  }
  return `${net}/${n}`;
}

function list(value: unknown, key: string): string[] {
  const items = typeof value === "string" ? [value] : value;
  if (!Array.isArray(items) || items.length === 0 || !items.every((x) => typeof x === "string")) {
    throw new ConfigError(`"${key}" must be a proposal string or a non-empty list of them`);
  }
  return items as string[];
}

function seconds(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) <= 0) throw new ConfigError(`"${key}" must be a whole number of seconds`);
  return value as number;
}

/** The PSK as octets: text as UTF-8 (the seed's "cisco"), or "0x" followed by hex. */
function psk(value: unknown): Uint8Array {
  if (typeof value !== "string" || value.length === 0) throw new ConfigError(`"psk" must be a non-empty string (text, or 0x and hex digits)`);
  if (value.startsWith("0x")) {
    const hex = value.slice(2);
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new ConfigError(`"psk" starts with 0x but is not hex`);
    return Uint8Array.from(Buffer.from(hex, "hex"));
  }
  return new TextEncoder().encode(value);
}

function pfsGroup(value: unknown): number | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (typeof value === "number" && Object.values(GROUPS).includes(value)) return value;
  if (typeof value === "string" && Object.hasOwn(GROUPS, value)) return GROUPS[value];
  throw new ConfigError(`"pfsGroup" must be one of ${Object.keys(GROUPS).join(", ")} (or its number)`);
}

function retransmit(value: unknown): RetransmitPolicy | undefined {
  if (value === undefined) return undefined;
  const r = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  for (const k of ["initialMs", "factor", "maxMs", "tries"]) {
    if (typeof r[k] !== "number" || !((r[k] as number) >= 0)) throw new ConfigError(`"retransmit" needs initialMs, factor, maxMs and tries, non-negative numbers ("${k}")`);
  }
  return r as unknown as RetransmitPolicy;
}

function wholeSeconds(value: unknown, key: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min) throw new ConfigError(`"${key}" must be a whole number${min > 0 ? `, at least ${min}` : ", 0 or more"}`);
  return value as number;
}

function object(value: unknown, key: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`"${key}" must be an object with ${keys.join(", ")}`);
  const o = value as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new ConfigError(`"${key}" has unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => `"${k}"`).join(", ")}; known: ${keys.join(", ")}`);
  return o;
}

function dpdPolicy(value: unknown): DpdPolicy | undefined {
  if (value === false) return undefined;
  const o = value === undefined || value === true ? {} : object(value, "dpd", ["delay", "retry", "tries"]);
  return {
    delayMs: wholeSeconds(o.delay, "dpd.delay", DEFAULT_DPD.delay, 1) * 1000,
    retryMs: wholeSeconds(o.retry, "dpd.retry", DEFAULT_DPD.retry, 1) * 1000,
    tries: wholeSeconds(o.tries, "dpd.tries", DEFAULT_DPD.tries, 1),
  };
}

/**
 * The rekey policy for an SA of `lifetimeSeconds`: the configured one when
 * it fits, else 15 % and 5 % of the lifetime (the defaults' share of an hour),
 * so a short lifetime the peer chose still gets a soft lifetime before it.
 */
export function fitRekeyPolicy(policy: RekeyPolicy, lifetimeSeconds: number): RekeyPolicy {
  if (policy.marginSeconds + policy.randSeconds < lifetimeSeconds) return policy;
  return { marginSeconds: Math.floor(lifetimeSeconds * 0.15), randSeconds: Math.floor(lifetimeSeconds * 0.05) };
}

function rekeyPolicy(value: unknown, shortestLifetime: number): RekeyPolicy {
  if (value === undefined) return fitRekeyPolicy({ marginSeconds: DEFAULT_REKEY.margin, randSeconds: DEFAULT_REKEY.rand }, shortestLifetime);
  const o = object(value, "rekey", ["margin", "rand"]);
  const policy = { marginSeconds: wholeSeconds(o.margin, "rekey.margin", DEFAULT_REKEY.margin, 0), randSeconds: wholeSeconds(o.rand, "rekey.rand", DEFAULT_REKEY.rand, 0) };
  if (policy.marginSeconds + policy.randSeconds >= shortestLifetime) {
    throw new ConfigError(`"rekey" margin + rand (${policy.marginSeconds} + ${policy.randSeconds} s) must be shorter than the shorter lifetime (${shortestLifetime} s), or an SA would be replaced before it carried anything`);
  }
  return policy;
}

/** Reads and checks a configuration object; `random` feeds cookies, nonces and private values. */
export function peerSettings(raw: unknown, random: RandomSource = systemRandom): PeerSettings {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError("the configuration must be a JSON object");
  const c = raw as Record<string, unknown>;
  const known = new Set(["local", "remote", "psk", "mode", "phase1", "phase2", "localSubnet", "remoteSubnet", "pfsGroup", "lifetimes", "natTraversal", "dpd", "nonceBytes", "identity", "retransmit", "rekey", "deleteRekeyed", "encap"]);
  const unknown = Object.keys(c).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new ConfigError(`unknown setting${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; known: ${[...known].join(", ")}`);
  const mode = c.mode ?? "main";
  if (mode !== "main" && mode !== "aggressive") throw new ConfigError(`"mode" must be "main" or "aggressive"`);
  const local = address(c.local, "local");
  const remote = address(c.remote, "remote");
  const lifetimes = (c.lifetimes ?? {}) as Record<string, unknown>;
  const ikeLife = seconds(lifetimes.ike, "lifetimes.ike", 86400);
  const ipsecLife = seconds(lifetimes.ipsec, "lifetimes.ipsec", 3600);
  const nonceBytes = c.nonceBytes ?? 20;
  if (!Number.isInteger(nonceBytes) || (nonceBytes as number) < 8 || (nonceBytes as number) > 256) throw new ConfigError(`"nonceBytes" must be 8 to 256 (RFC 2409 section 5)`);
  const identity = address(c.identity ?? local, "identity");
  const pfs = pfsGroup(c.pfsGroup);
  const policy = retransmit(c.retransmit);
  const dpd = dpdPolicy(c.dpd);
  if (c.deleteRekeyed !== undefined && typeof c.deleteRekeyed !== "boolean") throw new ConfigError(`"deleteRekeyed" must be true or false`);
  if (c.encap !== undefined && typeof c.encap !== "boolean") throw new ConfigError(`"encap" must be true or false`);
  const encap = c.encap === true;
  if (encap && c.natTraversal === false) throw new ConfigError(`"encap" needs NAT traversal: it works through NAT-T's detection hashes (RFC 3947), so "natTraversal" cannot be false`);
  return {
    mode,
    ...(policy ? { retransmit: policy } : {}),
    ...(dpd ? { dpd } : {}),
    rekey: rekeyPolicy(c.rekey, Math.min(ikeLife, ipsecLife)),
    deleteRekeyed: c.deleteRekeyed === true,
    encap,
    phase1: {
      // Chapter 07 hashes this endpoint into our NAT-D payloads and compares the peer's hash of us with it.
      local: { address: local, port: encap ? FAKE_NAT_PORT : 500 },
      remote: { address: remote, port: 500 },
      psk: psk(c.psk),
      suites: list(c.phase1 ?? "aes128-sha1-modp1024", "phase1").map((p) => ikeSuite(p, ikeLife)),
      prefer: "responder",
      // RFC 2407 section 4.6.2: in phase 1 the identity is bound to UDP port 500, as the seed's routers send it.
      identity: { protocolId: 17, port: 500, identity: { type: "ipv4", address: identity } },
      nonceBytes: nonceBytes as number,
      natTraversal: c.natTraversal !== false,
      // With the SA payload, where strongSwan sends it too.
      vendorIds: { sa: dpd ? [DPD_VENDOR_ID] : [], keyExchange: [] },
      random,
    },
    phase2: {
      localSubnet: subnet(c.localSubnet, "localSubnet"),
      remoteSubnet: subnet(c.remoteSubnet, "remoteSubnet"),
      sets: list(c.phase2 ?? "aes128-sha1", "phase2").map((p) => espTransformSet(p, pfs)),
      lifetime: { seconds: ipsecLife },
      prefer: "responder",
      nonceBytes: nonceBytes as number,
      random,
    },
  };
}

/** A configuration file's JSON, or a ConfigError saying why it cannot be read. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not JSON: ${(e as Error).message}`);
  }
}

export function readPeerSettings(file: string): PeerSettings {
  return peerSettings(readConfigFile(file));
}

