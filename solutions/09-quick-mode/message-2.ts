/**
 * Exercise 09-quick-mode/message-2: the responder takes message 1 and
 * answers (reference solution).
 *
 * RFC 2409 section 5.5:
 *   Responder: HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
 * Message 1 is checked before anything is believed: its header belongs to
 * our IKE SA and is a quick mode with a non-zero Message ID; it decrypts
 * with hash(last phase 1 block | M-ID) as IV; HASH(1) comes first and is
 * right. Then the offer is chosen from (chapter 04, with the set's mode
 * turned into its UDP-encapsulated value when NAT-T is in use), the proxy
 * identities are checked against the mirror of our policy, and with PFS the
 * initiator's KE is checked and answered with ours. The reply keeps the
 * chosen proposal and transform as offered, with our own inbound SPI, and
 * echoes IDci/IDcr; a shorter lifetime goes in a RESPONDER-LIFETIME notify
 * (RFC 2407 section 4.6.3.1). The IV of message 2 is the last ciphertext
 * block of message 1: IVs chain through the exchange, and every Message ID
 * has its own chain.
 *
 * Lesson: lessons/09-quick-mode.md#message-2
 */
import { equalBytes } from "@course/bytes.ts";
import { FieldError, NegotiationError } from "@course/errors.ts";
import { IpsecAttr, NotifyType } from "@course/isakmp-attributes.ts";
import { ExchangeType, PayloadType } from "@course/isakmp-names.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { toHex } from "../01-bytes/hex.ts";
import { readU32 } from "../01-bytes/integers.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { attributeNumber } from "../03-payloads/attributes.ts";
import type { Identification } from "../03-payloads/identification.ts";
import type { IsakmpMessage, Payload } from "../03-payloads/message.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import { selectPhase2 } from "../04-negotiation/phase2.ts";
import { privateValue, publicValue } from "../05-diffie-hellman/keypair.ts";
import { sharedSecret } from "../05-diffie-hellman/shared-secret.ts";
import { openMessage } from "../07-main-mode/encryption.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";
import { afterHash, checkHash, quickHash1, quickHash2, receivedHash } from "./hashes.ts";
import { encapsulationMode, newSpi, pfsGroupOf, quickIv, sealQuick, setProtocol, spiBytes, udpEncapsulation, type QuickState } from "./message-1.ts";
import { checkProxyIds, type Phase2Config } from "./proxy-id.ts";

/**
 * The Message ID of a quick mode message for this IKE SA: the header must
 * carry our cookies, exchange type 32, the E flag, and a non-zero Message ID.
 * A driver uses it to find (or, as responder, create) the exchange's state.
 */
export function quickMessageId(ike: IkeSa, datagram: Uint8Array): number {
  const h = decodeHeader(datagram);
  if (h.exchangeType !== ExchangeType.QUICK_MODE) throw new FieldError("Exchange type", h.exchangeType, "a quick mode message has exchange type 32");
  if (!equalBytes(h.initiatorSpi, ike.ckyI)) throw new FieldError("Initiator SPI", toHex(h.initiatorSpi), "not the initiator cookie of this IKE SA");
  if (!equalBytes(h.responderSpi, ike.ckyR)) throw new FieldError("Responder SPI", toHex(h.responderSpi), "not the responder cookie of this IKE SA");
  if (h.messageId === 0) throw new FieldError("Message ID", 0, "Message ID 0 is phase 1's; quick mode has its own (RFC 2408 section 3.1)");
  // RFC 2409 section 5.5: everything after the header is encrypted.
  if (!h.flags.encryption) throw new FieldError("Flags", 0, "quick mode messages are encrypted: the E flag must be set");
  return h.messageId;
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

/** Sorts the payloads after HASH: one SA, one Nonce, at most one KE, IDci then IDcr or none, notifications. */
export function quickPayloads(m: IsakmpMessage): QuickPayloads {
  let sa: SecurityAssociation | undefined;
  let nonce: Uint8Array | undefined;
  let ke: Uint8Array | undefined;
  const ids: Identification[] = [];
  const notifications: Notification[] = [];
  const twice = (what: string): never => {
    throw new NegotiationError(NotifyType.PAYLOAD_MALFORMED, what, `a quick mode message carries one ${what} payload`);
  };
  for (const p of m.payloads.slice(1)) {
    switch (p.type) {
      case PayloadType.SA:
        if (sa) twice("Security Association");
        sa = p.sa;
        break;
      case PayloadType.NONCE:
        if (nonce) twice("Nonce");
        nonce = p.data;
        break;
      case PayloadType.KEY_EXCHANGE:
        if (ke) twice("Key Exchange");
        ke = p.data;
        break;
      case PayloadType.IDENTIFICATION:
        if (ids.length === 2) throw new NegotiationError(NotifyType.INVALID_ID_INFORMATION, "Identification", "quick mode carries at most two IDs, IDci and IDcr");
        ids.push(p.id);
        break;
      case PayloadType.NOTIFICATION:
        notifications.push(p.notification);
        break;
      default:
        throw new NegotiationError(NotifyType.INVALID_PAYLOAD_TYPE, "Next payload", `payload type ${p.type} has no place in quick mode messages 1 and 2`);
    }
  }
  if (!sa) throw new NegotiationError(NotifyType.PAYLOAD_MALFORMED, "Security Association", "quick mode messages 1 and 2 carry an SA payload");
  if (!nonce) throw new NegotiationError(NotifyType.PAYLOAD_MALFORMED, "Nonce", "quick mode messages 1 and 2 carry a Nonce (RFC 2409 section 5.5)");
  return { sa, nonce, notifications, ...(ke && { ke }), ...(ids[0] && { idci: ids[0] }), ...(ids[1] && { idcr: ids[1] }) };
}

/** The value of one attribute class in a transform, or undefined. */
export function transformAttribute(t: Transform, type: number): number | undefined {
  const a = t.attributes.find((x) => x.type === type);
  return a && attributeNumber(a);
}

/** With PFS both sides send KE in the agreed group; without, neither does. Returns g(qm)^xy and our public value. */
export function pfsSecret(group: number | undefined, peerKe: Uint8Array | undefined, x: bigint | undefined): Uint8Array | undefined {
  if (group === undefined) {
    if (peerKe) throw new NegotiationError(NotifyType.INVALID_KEY_INFORMATION, "Key Exchange", "a KE payload came, but the agreed transform has no Group-Description: no PFS");
    return undefined;
  }
  if (!peerKe) throw new NegotiationError(NotifyType.INVALID_KEY_INFORMATION, "Key Exchange", `PFS with group ${group} was agreed, but no KE payload came`);
  if (x === undefined) throw new FieldError("Private value", "none", "PFS needs our private value");
  return sharedSecret(modpGroup(group), x, peerKe);
}

export function quick2(ike: IkeSa, config: Phase2Config, datagram: Uint8Array): { state: QuickState; send: Uint8Array } {
  // Our own policy must make sense before a peer's message is judged by it.
  pfsGroupOf(config.sets);
  const mid = quickMessageId(ike, datagram);
  const opened = openMessage(datagram, ike.keys, quickIv(ike, mid));
  const m = opened.message;
  const h = ike.keys.hash;
  checkHash("HASH(1)", receivedHash(m), quickHash1(h, ike.keys.skeyid_a, mid, afterHash(m)));
  const q = quickPayloads(m);

  // Our policy, with each set's mode as it must appear on the wire here.
  const udp = udpEncapsulation(ike);
  const sets = config.sets.map((s) => ({ ...s, mode: encapsulationMode(s.mode, udp) }));
  const spis = new Map<number, number>();
  for (const s of config.sets) {
    const { protocolId } = setProtocol(s);
    if (!spis.has(protocolId)) spis.set(protocolId, newSpi(config.random));
  }
  const choice = selectPhase2(q.sa, { sets, lifetime: config.lifetime, prefer: config.prefer }, new Map([...spis].map(([p, spi]) => [p, spiBytes(spi)])));
  const reply = choice.reply.proposals[0]!;
  const chosen = choice.chosen[0]!;
  const transform = reply.transforms[0]!;
  // The offered proposal that was taken: its SPI is the initiator's inbound SPI.
  const offered = q.sa.proposals.find((p) => p.number === reply.number && p.protocolId === reply.protocolId)!;

  checkProxyIds(config, "responder", q.idci, q.idcr, { initiator: ike.remote.address, responder: ike.local.address });

  const nr = config.random(config.nonceBytes).slice();
  if (nr.length !== config.nonceBytes) throw new FieldError("Nonce DATA", nr.length, `the random source must return ${config.nonceBytes} octets`);
  const pfsGroup = transformAttribute(transform, IpsecAttr.GROUP_DESCRIPTION);
  const x = pfsGroup === undefined ? undefined : privateValue(modpGroup(pfsGroup), config.random);
  const gxy = pfsSecret(pfsGroup, q.ke, x);

  const rest: Payload[] = [
    { type: PayloadType.SA, sa: choice.reply },
    { type: PayloadType.NONCE, data: nr },
  ];
  if (pfsGroup !== undefined && x !== undefined) rest.push({ type: PayloadType.KEY_EXCHANGE, data: publicValue(modpGroup(pfsGroup), x) });
  if (q.idci && q.idcr) rest.push({ type: PayloadType.IDENTIFICATION, id: q.idci }, { type: PayloadType.IDENTIFICATION, id: q.idcr });
  for (const n of choice.notifications) rest.push({ type: PayloadType.NOTIFICATION, notification: n });
  const sealed = sealQuick(ike, mid, opened.nextIv, rest, (covered) => quickHash2(h, ike.keys.skeyid_a, mid, q.nonce, covered));

  const state: QuickState = {
    role: "responder",
    ike,
    config,
    messageId: mid,
    iv: sealed.nextIv,
    spis: new Map([[reply.protocolId, spis.get(reply.protocolId)!]]),
    ni: q.nonce,
    nr,
    proxyIds: q.idci !== undefined,
    ...(pfsGroup !== undefined && { pfsGroup, x, gxy }),
    agreed: { protocolId: reply.protocolId, transform, peerSpi: readU32(offered.spi, 0), lifetime: chosen.lifetime },
  };
  return { state, send: sealed.datagram };
}
