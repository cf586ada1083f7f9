/**
 * Exercise 07-main-mode/exchange: the state one phase 1 exchange carries from
 * message to message, and the checks every arriving message must pass before
 * its payloads are looked at (reference solution).
 *
 * Each later step of chapters 07 and 08 is a pure function: it takes this
 * state and the peer's datagram and returns the next state plus what to send.
 * Nothing is hidden in globals, so a step can be tested, replayed after a
 * retransmission, or driven by a socket loop alike.
 *
 * RFC 2408 section 2.5.3 and 3.1: the initiator's cookie is chosen by the
 * initiator and never zero; the responder's is zero in the first message and
 * fixed by the responder's first reply. Phase 1 always has Message ID 0
 * (section 3.1); version 1.0 (RFC 2409 section 5).
 *
 * Lesson: lessons/07-main-mode.md#exchange
 */
import { equalBytes } from "@course/bytes.ts";
import { FieldError, NegotiationError } from "@course/errors.ts";
import type { CipherName, HashName } from "@course/ike-algorithms.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { ExchangeType, PAYLOAD_TYPE_NAMES } from "@course/isakmp-names.ts";
import { toHex } from "../01-bytes/hex.ts";
import type { IsakmpHeader } from "../02-isakmp-header/header.ts";
import type { Identification } from "../03-payloads/identification.ts";
import { encodeMessage, type IsakmpMessage, type Payload } from "../03-payloads/message.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import type { Preference } from "../04-negotiation/phase1.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";

/** An IPv4 address and UDP port as the packets carry them. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type Role = "initiator" | "responder";
export type Phase1Mode = "main" | "aggressive";

/** One side's phase 1 settings: the seed's `crypto isakmp policy` and `crypto isakmp key`. */
export interface Phase1Config {
  /** Where our datagrams leave from and go to (UDP 500 at the start). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** The pre-shared key, as octets (the seed's "cisco" is 5 ASCII octets). */
  readonly psk: Uint8Array;
  /** Initiator: the transforms offered, in this order, in one proposal. Responder: its policy, most preferred first. */
  readonly suites: readonly IkeSuite[];
  /** Responder only: whose order decides (chapter 04). */
  readonly prefer: Preference;
  /** Our Identification payload: ID_IPV4_ADDR of our address, protocol 17, port 500 in the seed. */
  readonly identity: Identification;
  /** Length of our Nonce data: 20 octets on the seed's routers, 32 on strongSwan. */
  readonly nonceBytes: number;
  /** Send the RFC 3947 vendor ID and NAT-D payloads, and float to UDP 4500 when a NAT is seen. */
  readonly natTraversal: boolean;
  /**
   * Further vendor IDs: `sa` goes with the SA payload (after RFC 3947's own
   * vendor ID when natTraversal is on), `keyExchange` with the KE and Nonce.
   */
  readonly vendorIds: { readonly sa: readonly Uint8Array[]; readonly keyExchange: readonly Uint8Array[] };
  /** Cookies, private values and nonces come from here; tests pass a seeded source. */
  readonly random: RandomSource;
}

/** The keys of an established or nearly established IKE SA (chapter 06). */
export interface Phase1Keys {
  readonly hash: HashName;
  readonly cipher: CipherName;
  readonly skeyid: Uint8Array;
  readonly skeyid_d: Uint8Array;
  readonly skeyid_a: Uint8Array;
  readonly skeyid_e: Uint8Array;
  /** The cipher key, expanded from SKEYID_e when needed (RFC 2409 Appendix B). */
  readonly encKey: Uint8Array;
}

/** RFC 3947 section 3.2: which side's address the NAT-D hashes show as rewritten. */
export interface NatStatus {
  readonly localBehindNat: boolean;
  readonly remoteBehindNat: boolean;
}

export interface Phase1State {
  readonly role: Role;
  readonly mode: Phase1Mode;
  readonly config: Phase1Config;
  readonly ckyI: Uint8Array;
  /** Eight zero octets until the responder has chosen its cookie. */
  readonly ckyR: Uint8Array;
  /** How many messages of this exchange have been sent or accepted so far. */
  readonly messages: number;
  /** The initiator's SA payload body, as sent: HASH_I and HASH_R cover it. */
  readonly saiB?: Uint8Array;
  /** What was agreed (chapter 04). */
  readonly suite?: IkeSuite;
  /** Both sides sent the RFC 3947 vendor ID. */
  readonly natT?: boolean;
  /** Our Diffie-Hellman private value and both public values, fixed-length KE data. */
  readonly x?: bigint;
  readonly gxi?: Uint8Array;
  readonly gxr?: Uint8Array;
  /** Nonce payload bodies. */
  readonly ni?: Uint8Array;
  readonly nr?: Uint8Array;
  readonly keys?: Phase1Keys;
  /** The IV for the next encrypted message of this exchange. */
  readonly iv?: Uint8Array;
  readonly nat?: NatStatus;
  /** Our own ID payload body as sent, and the peer's as received. */
  readonly idB?: Uint8Array;
  readonly peerId?: Identification;
}

/** An established IKE SA: what quick mode and informational exchanges build on. */
export interface IkeSa {
  readonly role: Role;
  readonly mode: Phase1Mode;
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
  readonly suite: IkeSuite;
  readonly keys: Phase1Keys;
  /** The last CBC block of phase 1: phase 2 and informational IVs hash it with their Message ID. */
  readonly lastIv: Uint8Array;
  readonly natT: boolean;
  readonly nat: NatStatus;
  /** The endpoints after any move to UDP 4500 (RFC 3947 section 4). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly localId: Identification;
  readonly peerId: Identification;
}

/** What a step returns: the next state, a datagram to send (the ISAKMP message, no UDP header), and the SA once established. */
export interface Step<S> {
  readonly state: S;
  readonly send?: Uint8Array;
  readonly established?: IkeSa;
}

const ZERO_COOKIE = new Uint8Array(8);

export function exchangeTypeOf(mode: Phase1Mode): number {
  return mode === "main" ? ExchangeType.IDENTITY_PROTECTION : ExchangeType.AGGRESSIVE;
}

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}

/** A cookie from the random source; all zeros is the "not chosen yet" value, so it is drawn again. */
function freshCookie(random: RandomSource, field: "Initiator SPI" | "Responder SPI"): Uint8Array {
  for (;;) {
    const c = random(8);
    if (c.length !== 8) throw new FieldError(field, c.length, "the random source must return 8 octets for a cookie");
    if (!isZero(c)) return c.slice();
  }
}

/** The initiator's state before message 1: a fresh cookie, the responder's still zero. */
export function initiatorState(mode: Phase1Mode, config: Phase1Config): Phase1State {
  return { role: "initiator", mode, config, ckyI: freshCookie(config.random, "Initiator SPI"), ckyR: ZERO_COOKIE.slice(), messages: 0 };
}

/** The responder's state on message 1: the initiator's cookie kept, its own drawn now. */
export function responderState(mode: Phase1Mode, config: Phase1Config, first: IsakmpHeader): Phase1State {
  if (isZero(first.initiatorSpi)) throw new FieldError("Initiator SPI", "0000000000000000", "the initiator's cookie must not be zero (RFC 2408 section 3.1)");
  if (!isZero(first.responderSpi)) throw new FieldError("Responder SPI", toHex(first.responderSpi), "must be zero in the first message of an exchange");
  return { role: "responder", mode, config, ckyI: first.initiatorSpi.slice(), ckyR: freshCookie(config.random, "Responder SPI"), messages: 0 };
}

/**
 * Checks that a decoded header belongs to this exchange: version 1.0, the
 * exchange type of this mode, Message ID 0, our cookies. The initiator
 * learns the responder's cookie from the first reply; that is the one time
 * an unknown Responder SPI is accepted. Returns the state with the cookie.
 * A responder's first message (messages 0) still has a zero Responder SPI:
 * the responder's own cookie is not known to the initiator yet.
 */
export function acceptHeader(state: Phase1State, h: IsakmpHeader): Phase1State {
  if (h.version.major !== 1) throw new FieldError("Version", `${h.version.major}.${h.version.minor}`, "IKEv1 is version 1.0");
  const type = exchangeTypeOf(state.mode);
  if (h.exchangeType !== type) throw new FieldError("Exchange type", h.exchangeType, `this is a ${state.mode} mode exchange (${type})`);
  if (h.messageId !== 0) throw new FieldError("Message ID", h.messageId, "phase 1 messages have Message ID 0");
  if (!equalBytes(h.initiatorSpi, state.ckyI)) throw new FieldError("Initiator SPI", toHex(h.initiatorSpi), "not the initiator cookie of this exchange");
  if (state.role === "responder" && state.messages === 0) {
    if (!isZero(h.responderSpi)) throw new FieldError("Responder SPI", toHex(h.responderSpi), "must be zero in the first message of an exchange");
    return state;
  }
  if (isZero(state.ckyR)) {
    if (state.role !== "initiator" || isZero(h.responderSpi)) throw new FieldError("Responder SPI", "0000000000000000", "the responder's reply must carry its cookie");
    return { ...state, ckyR: h.responderSpi.slice() };
  }
  if (!equalBytes(h.responderSpi, state.ckyR)) throw new FieldError("Responder SPI", toHex(h.responderSpi), "not the responder cookie of this exchange");
  return state;
}

/**
 * The payloads of one type in a message, in order. `PayloadOf<T>` is the
 * member of the Payload union whose type can be T (SA, ID, or data).
 */
export type PayloadOf<T extends Payload["type"], P = Payload> = P extends { type: infer U } ? (T extends U ? P & { type: T } : never) : never;

export function payloadsOf<T extends Payload["type"]>(m: IsakmpMessage, type: T): PayloadOf<T>[] {
  return m.payloads.filter((p) => p.type === type) as PayloadOf<T>[];
}

/**
 * The one payload of a type that a message must carry exactly once (the SA
 * of message 1, the KE and Nonce of messages 3 and 4). Missing or repeated,
 * the message does not have the shape RFC 2409 section 5 gives it: the peer
 * is told PAYLOAD-MALFORMED (RFC 2408 section 5.1).
 */
export function onePayload<T extends Payload["type"]>(m: IsakmpMessage, type: T): PayloadOf<T> {
  const found = payloadsOf(m, type);
  const name = `${PAYLOAD_TYPE_NAMES.get(type) ?? "Unknown"} (${type})`;
  if (found.length !== 1 || !found[0]) throw new NegotiationError(NotifyType.PAYLOAD_MALFORMED, name, `this message must carry exactly one ${name} payload, it carries ${found.length}`);
  return found[0];
}

/**
 * A cleartext message of this exchange: our cookies (the Responder SPI still
 * zero in message 1), this mode's exchange type, no flags, Message ID 0.
 */
export function clearMessage(state: Phase1State, payloads: Payload[]): Uint8Array {
  return encodeMessage({
    initiatorSpi: state.ckyI,
    responderSpi: state.ckyR,
    exchangeType: exchangeTypeOf(state.mode),
    flags: { encryption: false, commit: false, authenticationOnly: false },
    messageId: 0,
    payloads,
  });
}
