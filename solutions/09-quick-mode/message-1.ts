/**
 * Exercise 09-quick-mode/message-1: the initiator's first quick mode
 * message, and what all three messages share (reference solution).
 *
 * RFC 2409 section 5.5:
 *   Initiator: HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr]
 * HDR* is the header of the IKE SA (its two cookies), exchange type Quick
 * Mode (32), a fresh non-zero Message ID, E flag set. Everything after the
 * header is encrypted with the phase 1 key; the first IV is
 * hash(last phase 1 CBC block | M-ID) (RFC 2409 Appendix B, chapter 06).
 *
 * The SA offers one proposal per transform set, protocol IPSEC_ESP (3) or
 * IPSEC_AH (2), with our inbound SPI (4 random octets, at least 256: RFC 4303
 * section 2.1 keeps 1-255 for IANA and 0 for "no SA"), one transform whose
 * attributes say Key-Length, Authentication-Algorithm, Group-Description
 * (only with PFS), Encapsulation-Mode and the lifetime (strongSwan's order).
 * The mode is Tunnel (1) or Transport (2), or with NAT-T and a NAT between
 * the peers UDP-Encapsulated-Tunnel (3) / -Transport (4) (RFC 3947 section
 * 5.1). PFS adds a KE payload with a fresh Diffie-Hellman public value in
 * the sets' group (RFC 2409 section 5.5).
 *
 * Lesson: lessons/09-quick-mode.md#message-1
 */
import { FieldError } from "@course/errors.ts";
import { ikeCipher } from "@course/ike-algorithms.ts";
import { EncapsulationMode, IpsecAttr, LifeType, ProtocolId, Doi, Situation } from "@course/isakmp-attributes.ts";
import { ExchangeType, PayloadType } from "@course/isakmp-names.ts";
import { ipsecAlgorithms } from "@course/ipsec-suites.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { readU32 } from "../01-bytes/integers.ts";
import type { DataAttribute } from "../03-payloads/attributes.ts";
import type { Payload } from "../03-payloads/message.ts";
import type { Proposal } from "../03-payloads/proposal.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import type { IpsecSuite, Lifetime } from "../04-negotiation/ipsec-transform.ts";
import type { TransformSet } from "../04-negotiation/phase2.ts";
import { privateValue, publicValue, type RandomSource } from "../05-diffie-hellman/keypair.ts";
import { exchangeIv } from "../06-phase1-keys/iv.ts";
import { sealMessage } from "../07-main-mode/encryption.ts";
import type { IkeSa, Role } from "../07-main-mode/exchange.ts";
import { afterHash, quickHash1 } from "./hashes.ts";
import { initiatorProxyIds, type Phase2Config } from "./proxy-id.ts";

/** What both sides agreed on, known to the initiator from message 2 and to the responder when it builds it. */
export interface QuickAgreement {
  readonly protocolId: number;
  /** The transform as the initiator offered it (the responder returns it unchanged). */
  readonly transform: Transform;
  /** The peer's inbound SPI: our outbound SA uses it. */
  readonly peerSpi: number;
  readonly lifetime: Lifetime;
}

export interface QuickState {
  readonly role: Role;
  readonly ike: IkeSa;
  readonly config: Phase2Config;
  readonly messageId: number;
  /** The IV for the next message of this exchange: the last ciphertext block of the one before. */
  readonly iv: Uint8Array;
  /** Our inbound SPI for each protocol ID we offered or accepted. */
  readonly spis: ReadonlyMap<number, number>;
  /** Nonce payload bodies. */
  readonly ni: Uint8Array;
  readonly nr?: Uint8Array;
  /** Initiator: the SA payload of message 1. */
  readonly offer?: SecurityAssociation;
  /** Whether IDci/IDcr travel in this exchange. */
  readonly proxyIds: boolean;
  /** PFS: the group, our private value and the quick mode g^xy once both KE payloads are known. */
  readonly pfsGroup?: number;
  readonly x?: bigint;
  readonly gxy?: Uint8Array;
  readonly agreed?: QuickAgreement;
}

/** Random octets from the source, checked for length. */
function draw(random: RandomSource, n: number, field: string): Uint8Array {
  const b = random(n);
  if (b.length !== n) throw new FieldError(field, b.length, `the random source must return ${n} octets`);
  return b.slice();
}

/** A Message ID for a new exchange: random, never 0 (0 is phase 1's). */
export function newMessageId(random: RandomSource): number {
  for (;;) {
    const id = readU32(draw(random, 4, "Message ID"), 0);
    if (id !== 0) return id;
  }
}

/** An SPI for one of our inbound SAs: random, 256 or more. */
export function newSpi(random: RandomSource): number {
  for (;;) {
    const spi = readU32(draw(random, 4, "SPI"), 0);
    if (spi >= 256) return spi;
  }
}

export function spiBytes(spi: number): Uint8Array {
  return Uint8Array.of(spi >>> 24, (spi >>> 16) & 0xff, (spi >>> 8) & 0xff, spi & 0xff);
}

/** Encapsulation-Mode on the wire: the set's Tunnel (1) / Transport (2), or their UDP-encapsulated values (RFC 3947 section 5.1). */
export function encapsulationMode(mode: number, udp: boolean): number {
  if (mode === EncapsulationMode.TUNNEL) return udp ? EncapsulationMode.UDP_ENCAPSULATED_TUNNEL : mode;
  if (mode === EncapsulationMode.TRANSPORT) return udp ? EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT : mode;
  throw new FieldError("Encapsulation-Mode", mode, "a transform set is Tunnel (1) or Transport (2)");
}

/** ESP in UDP when NAT-T was agreed in phase 1 and a NAT sits between the peers (RFC 3947 sections 4 and 5). */
export function udpEncapsulation(ike: IkeSa): boolean {
  return ike.natT && (ike.nat.localBehindNat || ike.nat.remoteBehindNat);
}

/**
 * The one protocol of a set, checked to be one whose keys this course can
 * make: ESP or AH alone (bundles are negotiated in chapter 04, not keyed).
 */
export function setProtocol(set: TransformSet): { protocolId: number; suite: IpsecSuite } {
  if (set.esp && set.ah) throw new FieldError("Transform set", "AH+ESP", "this course installs ESP or AH alone: bundles are negotiated in chapter 04, not keyed");
  const chosen = set.esp ? { protocolId: ProtocolId.IPSEC_ESP, suite: set.esp } : set.ah ? { protocolId: ProtocolId.IPSEC_AH, suite: set.ah } : undefined;
  if (!chosen) throw new FieldError("Transform set", "empty", "a transform set names ESP or AH");
  ipsecAlgorithms(chosen.protocolId, chosen.suite);
  return chosen;
}

/** One KE payload serves every proposal, so every set must ask for the same PFS group (or none). */
export function pfsGroupOf(sets: readonly TransformSet[]): number | undefined {
  const first = sets[0];
  if (!first) throw new FieldError("Transform set", 0, "at least one transform set is needed");
  for (const s of sets) {
    if (s.pfsGroup !== first.pfsGroup) throw new FieldError("Group-Description", s.pfsGroup ?? 0, `all sets of one offer share the PFS group (${first.pfsGroup ?? "none"}): there is one KE payload`);
  }
  return first.pfsGroup;
}

function lifetimeAttributes(l: Lifetime): DataAttribute[] {
  const out: DataAttribute[] = [];
  if (l.seconds !== undefined) out.push({ type: IpsecAttr.SA_LIFE_TYPE, value: LifeType.SECONDS }, { type: IpsecAttr.SA_LIFE_DURATION, value: l.seconds });
  if (l.kilobytes !== undefined) out.push({ type: IpsecAttr.SA_LIFE_TYPE, value: LifeType.KILOBYTES }, { type: IpsecAttr.SA_LIFE_DURATION, value: l.kilobytes });
  return out;
}

/** The SA payload of message 1: proposal n for set n, transform #1, our SPI for its protocol. */
export function quickOffer(sets: readonly TransformSet[], lifetime: Lifetime, spis: ReadonlyMap<number, number>, udp: boolean): SecurityAssociation {
  const proposals: Proposal[] = sets.map((set, i) => {
    const { protocolId, suite } = setProtocol(set);
    const spi = spis.get(protocolId);
    if (spi === undefined) throw new FieldError("SPI", protocolId, "no inbound SPI drawn for this protocol");
    const attributes: DataAttribute[] = [];
    if (suite.keyLength !== undefined) attributes.push({ type: IpsecAttr.KEY_LENGTH, value: suite.keyLength });
    if (suite.authAlgorithm !== undefined) attributes.push({ type: IpsecAttr.AUTHENTICATION_ALGORITHM, value: suite.authAlgorithm });
    if (set.pfsGroup !== undefined) attributes.push({ type: IpsecAttr.GROUP_DESCRIPTION, value: set.pfsGroup });
    attributes.push({ type: IpsecAttr.ENCAPSULATION_MODE, value: encapsulationMode(set.mode, udp) }, ...lifetimeAttributes(lifetime));
    return { number: i + 1, protocolId, spi: spiBytes(spi), transforms: [{ number: 1, id: suite.transformId, attributes }] };
  });
  return { doi: Doi.IPSEC, situation: Situation.IDENTITY_ONLY, proposals };
}

/** The first IV of a quick mode exchange: hash(last phase 1 block | M-ID), one cipher block. */
export function quickIv(ike: IkeSa, messageId: number): Uint8Array {
  return exchangeIv(ike.keys.hash, ike.lastIv, messageId, ikeCipher(ike.keys.cipher).blockBytes);
}

/**
 * Encrypts one quick mode message: HASH first, computed by `hashOf` over the
 * payloads after it, then `rest`. Returns the datagram and the next IV.
 */
export function sealQuick(ike: IkeSa, messageId: number, iv: Uint8Array, rest: readonly Payload[], hashOf: (afterHash: Uint8Array) => Uint8Array): { datagram: Uint8Array; nextIv: Uint8Array } {
  const base = {
    initiatorSpi: ike.ckyI,
    responderSpi: ike.ckyR,
    exchangeType: ExchangeType.QUICK_MODE,
    flags: { encryption: true, commit: false, authenticationOnly: false },
    messageId,
  };
  const placeholder: Payload = { type: PayloadType.HASH, data: new Uint8Array(1) };
  const covered = afterHash({ ...base, payloads: [placeholder, ...rest] });
  const hash: Payload = { type: PayloadType.HASH, data: hashOf(covered) };
  return sealMessage({ ...base, payloads: [hash, ...rest] }, ike.keys, iv);
}

export function quick1(ike: IkeSa, config: Phase2Config, messageId?: number): { state: QuickState; send: Uint8Array } {
  const pfsGroup = pfsGroupOf(config.sets);
  const mid = messageId ?? newMessageId(config.random);
  if (!Number.isInteger(mid) || mid < 1 || mid > 0xffffffff) throw new FieldError("Message ID", mid, "a quick mode Message ID is 1 to 2^32-1");
  const spis = new Map<number, number>();
  for (const set of config.sets) {
    const { protocolId } = setProtocol(set);
    if (!spis.has(protocolId)) spis.set(protocolId, newSpi(config.random));
  }
  const offer = quickOffer(config.sets, config.lifetime, spis, udpEncapsulation(ike));
  const ni = draw(config.random, config.nonceBytes, "Nonce DATA");
  const rest: Payload[] = [
    { type: PayloadType.SA, sa: offer },
    { type: PayloadType.NONCE, data: ni },
  ];
  let x: bigint | undefined;
  if (pfsGroup !== undefined) {
    const group = modpGroup(pfsGroup);
    x = privateValue(group, config.random);
    rest.push({ type: PayloadType.KEY_EXCHANGE, data: publicValue(group, x) });
  }
  const { idci, idcr } = initiatorProxyIds(config);
  rest.push({ type: PayloadType.IDENTIFICATION, id: idci }, { type: PayloadType.IDENTIFICATION, id: idcr });
  const h = ike.keys.hash;
  const sealed = sealQuick(ike, mid, quickIv(ike, mid), rest, (covered) => quickHash1(h, ike.keys.skeyid_a, mid, covered));
  const state: QuickState = {
    role: "initiator",
    ike,
    config,
    messageId: mid,
    iv: sealed.nextIv,
    spis,
    ni,
    offer,
    proxyIds: true,
    ...(pfsGroup !== undefined && { pfsGroup, x }),
  };
  return { state, send: sealed.datagram };
}
