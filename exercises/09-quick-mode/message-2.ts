/**
 * Exercise 09-quick-mode/message-2: the responder takes message 1 and
 * answers with message 2.
 *
 * RFC 2409 section 5.5:  HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
 *
 * 1. `quickMessageId(ike, datagram)`: decode the header (chapter 02) and
 *    return its Message ID after checking, in this order: exchange type 32
 *    (else FieldError("Exchange type")), the cookies are ike's
 *    (FieldError("Initiator SPI") / ("Responder SPI")), Message ID not 0
 *    (FieldError("Message ID")), E flag set (FieldError("Flags")).
 * 2. `quickPayloads(m)`: sort the payloads after the HASH: exactly one SA
 *    and one Nonce (missing or twice -> NegotiationError(PAYLOAD_MALFORMED
 *    (16), "Security Association" / "Nonce" / "Key Exchange", ...)), at most
 *    one KE, IDs in order (the first is IDci, the second IDcr; a third ->
 *    NegotiationError(INVALID_ID_INFORMATION, "Identification")),
 *    notifications kept; any other type -> NegotiationError(
 *    INVALID_PAYLOAD_TYPE (1), "Next payload", ...).
 * 3. `transformAttribute(t, type)`: the value of attribute class `type` in
 *    transform t as a number (attributeNumber, chapter 03), or undefined.
 * 4. `pfsSecret(group, peerKe, x)`: no group: undefined, but a KE anyway ->
 *    NegotiationError(INVALID_KEY_INFORMATION (17), "Key Exchange"). A
 *    group and no KE -> the same error. Else sharedSecret (chapter 05).
 * 5. `quick2(ike, config, datagram)`: pfsGroupOf(config.sets) (a config
 *    check); M-ID = quickMessageId; open with openMessage (chapter 07) and
 *    IV quickIv(ike, M-ID); check HASH(1) (./hashes.ts: checkHash,
 *    receivedHash, quickHash1, afterHash); quickPayloads. Choose with
 *    selectPhase2 (chapter 04) from config.sets whose modes are turned into
 *    encapsulationMode(mode, udpEncapsulation(ike)), your lifetime and
 *    prefer, and SPIs drawn with newSpi: one per protocol in the order your
 *    sets name them. checkProxyIds(config, "responder", IDci, IDcr, { the
 *    peer's address, ours }). Then draw the nonce, and if the chosen
 *    transform has a Group-Description, the private value; pfsSecret.
 *    Reply payloads after HASH(2): the choice's SA, Nr, KE (with PFS), IDci
 *    and IDcr as received (only if they came), then the choice's
 *    RESPONDER-LIFETIME notifications. Seal with sealQuick, IV = the nextIv
 *    from opening message 1, HASH(2) over Ni_b and the rest. The state:
 *    role "responder", iv = the nextIv of message 2, spis = { chosen
 *    protocol -> our SPI }, ni, nr, proxyIds (whether IDs came), pfsGroup,
 *    x, gxy with PFS, agreed = { protocolId, the transform as offered,
 *    peerSpi = the SPI of the initiator's chosen proposal, the choice's
 *    lifetime }.
 *
 * Lesson: lessons/09-quick-mode.md#message-2
 */
import { todo } from "@course/todo.ts";
import type { Identification } from "../03-payloads/identification.ts";
import type { IsakmpMessage } from "../03-payloads/message.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";
import type { QuickState } from "./message-1.ts";
import type { Phase2Config } from "./proxy-id.ts";

export function quickMessageId(ike: IkeSa, datagram: Uint8Array): number {
  return todo("quickMessageId");
}

/** The payloads of a quick mode message 1 or 2, after its HASH. */
export interface QuickPayloads {
  readonly sa: SecurityAssociation;
  readonly nonce: Uint8Array;
  readonly ke?: Uint8Array;
  readonly idci?: Identification;
  readonly idcr?: Identification;
  readonly notifications: readonly Notification[];
}

export function quickPayloads(m: IsakmpMessage): QuickPayloads {
  return todo("quickPayloads");
}

export function transformAttribute(t: Transform, type: number): number | undefined {
  return todo("transformAttribute");
}

export function pfsSecret(group: number | undefined, peerKe: Uint8Array | undefined, x: bigint | undefined): Uint8Array | undefined {
  return todo("pfsSecret");
}

export function quick2(ike: IkeSa, config: Phase2Config, datagram: Uint8Array): { state: QuickState; send: Uint8Array } {
  return todo("quick2");
}
