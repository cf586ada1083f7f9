/**
 * Exercise 09-quick-mode/message-1: the initiator's first quick mode
 * message, and the pieces all three messages share.
 *
 * RFC 2409 section 5.5:  HDR*, HASH(1), SA, Ni [, KE], IDci, IDcr
 *
 * 1. `newMessageId(random)`: 4 random octets as a big-endian number; 0 is
 *    phase 1's, so draw again until it is not 0.
 * 2. `newSpi(random)`: 4 random octets; draw again while below 256 (0 and
 *    1-255 are reserved, RFC 4303 section 2.1). `spiBytes(spi)`: 4 octets.
 * 3. `encapsulationMode(mode, udp)`: the set's Tunnel (1) / Transport (2) as
 *    sent: with udp, UDP-Encapsulated-Tunnel (3) / -Transport (4) (RFC 3947
 *    section 5.1). Any other mode -> FieldError("Encapsulation-Mode", ...).
 *    `udpEncapsulation(ike)`: ike.natT and a NAT on either side (ike.nat).
 * 4. `setProtocol(set)`: { protocolId: 3, suite: set.esp } or
 *    { protocolId: 2, suite: set.ah }; both (a bundle) or neither ->
 *    FieldError("Transform set", ...). Also check the suite with
 *    ipsecAlgorithms from "@course/ipsec-suites.ts" (it throws for what
 *    this course cannot key).
 * 5. `pfsGroupOf(sets)`: the sets' common pfsGroup (undefined: no PFS); no
 *    sets -> FieldError("Transform set", ...), sets that differ ->
 *    FieldError("Group-Description", ...): there is one KE payload.
 * 6. `quickOffer(sets, lifetime, spis, udp)`: SA payload, DOI 1, situation
 *    1, proposal n+1 for sets[n]: protocol of the set, SPI = spiBytes(
 *    spis.get(protocol)), one transform #1 with the suite's transformId and
 *    attributes in this order: Key-Length (if any), Authentication-Algorithm
 *    (if any), Group-Description (if pfsGroup), Encapsulation-Mode, then
 *    SA-Life-Type 1 + SA-Life-Duration for seconds, SA-Life-Type 2 +
 *    duration for kilobytes (each only if set). strongSwan's order.
 * 7. `quickIv(ike, messageId)`: exchangeIv (chapter 06) with ike.lastIv and
 *    the cipher's block size (ikeCipher from "@course/ike-algorithms.ts").
 * 8. `sealQuick(ike, messageId, iv, rest, hashOf)`: the encrypted message
 *    HDR* (ike's cookies, exchange type 32, E flag, messageId), a HASH
 *    payload whose data is hashOf(the octets of `rest` as afterHash sees
 *    them), then `rest`; sealed with sealMessage (chapter 07). Returns
 *    { datagram, nextIv }.
 * 9. `quick1(ike, config, messageId?)`: checks the sets (setProtocol,
 *    pfsGroupOf); draws from config.random IN THIS ORDER: the Message ID
 *    (only when not given; a given one must be 1..2^32-1, else
 *    FieldError("Message ID", ...)), one SPI per protocol in the order the
 *    sets name them, the nonce (config.nonceBytes octets), and with PFS the
 *    private value (privateValue(modpGroup(group), random), chapter 05).
 *    Payloads after HASH(1): SA (quickOffer, udp = udpEncapsulation(ike)),
 *    Nonce, KE (with PFS: the public value), IDci, IDcr (proxy-id). HASH(1)
 *    from ./hashes.ts; first IV quickIv. Returns the datagram and a
 *    QuickState: role "initiator", iv = the nextIv, spis, ni, offer,
 *    proxyIds true, pfsGroup and x with PFS.
 *
 * Lesson: lessons/09-quick-mode.md#message-1
 */
import { todo } from "@course/todo.ts";
import type { Payload } from "../03-payloads/message.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import type { IpsecSuite, Lifetime } from "../04-negotiation/ipsec-transform.ts";
import type { TransformSet } from "../04-negotiation/phase2.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";
import type { IkeSa, Role } from "../07-main-mode/exchange.ts";
import type { Phase2Config } from "./proxy-id.ts";

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

export function newMessageId(random: RandomSource): number {
  return todo("newMessageId");
}

export function newSpi(random: RandomSource): number {
  return todo("newSpi");
}

export function spiBytes(spi: number): Uint8Array {
  return todo("spiBytes");
}

export function encapsulationMode(mode: number, udp: boolean): number {
  return todo("encapsulationMode");
}

export function udpEncapsulation(ike: IkeSa): boolean {
  return todo("udpEncapsulation");
}

export function setProtocol(set: TransformSet): { protocolId: number; suite: IpsecSuite } {
  return todo("setProtocol");
}

export function pfsGroupOf(sets: readonly TransformSet[]): number | undefined {
  return todo("pfsGroupOf");
}

export function quickOffer(sets: readonly TransformSet[], lifetime: Lifetime, spis: ReadonlyMap<number, number>, udp: boolean): SecurityAssociation {
  return todo("quickOffer");
}

export function quickIv(ike: IkeSa, messageId: number): Uint8Array {
  return todo("quickIv");
}

export function sealQuick(ike: IkeSa, messageId: number, iv: Uint8Array, rest: readonly Payload[], hashOf: (afterHash: Uint8Array) => Uint8Array): { datagram: Uint8Array; nextIv: Uint8Array } {
  return todo("sealQuick");
}

export function quick1(ike: IkeSa, config: Phase2Config, messageId?: number): { state: QuickState; send: Uint8Array } {
  return todo("quick1");
}
