/**
 * Exercise 09-quick-mode/message-3: the initiator checks message 2 and
 * confirms; the responder checks the confirmation; both hold the CHILD SA
 * (reference solution).
 *
 * RFC 2409 section 5.5:
 *   Initiator: HDR*, HASH(3)
 * HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b) proves the initiator saw
 * the responder's nonce: only now may the responder use the new SAs (it
 * must not send on them before, RFC 2409 section 5.5's "liveness" proof).
 * The initiator accepts message 2 only if HASH(2) is right, the SA payload
 * returns one of its proposals with exactly one of that proposal's
 * transforms, unchanged (RFC 2408 section 4.2), with the responder's SPI;
 * a KE when and only when PFS was offered; IDs, if any, as sent. A
 * RESPONDER-LIFETIME notify shortens the lifetime (RFC 2407 section
 * 4.5.4). Then both sides compute the keys of both directions (keymat) with
 * the nonces always in the order Ni_b, Nr_b.
 *
 * Lesson: lessons/09-quick-mode.md#message-3
 */
import { equalBytes } from "@course/bytes.ts";
import { FieldError, NegotiationError } from "@course/errors.ts";
import { EncapsulationMode, IpsecAttr, LifeType, NotifyType } from "@course/isakmp-attributes.ts";
import { ipsecAlgorithms } from "@course/ipsec-suites.ts";
import { readU32 } from "../01-bytes/integers.ts";
import { decodeAttributes } from "../03-payloads/attributes.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import { encodeTransform, type Transform } from "../03-payloads/transform.ts";
import { DEFAULT_IPSEC_LIFETIME, type Lifetime } from "../04-negotiation/ipsec-transform.ts";
import { openMessage } from "../07-main-mode/encryption.ts";
import { afterHash, checkHash, quickHash2, quickHash3, receivedHash } from "./hashes.ts";
import { childKeys } from "./keymat.ts";
import { sealQuick, type QuickAgreement, type QuickState } from "./message-1.ts";
import { pfsSecret, quickMessageId, quickPayloads, transformAttribute } from "./message-2.ts";
import { checkProxyIds, type ChildSa } from "./proxy-id.ts";

function openNext(state: QuickState, datagram: Uint8Array) {
  const mid = quickMessageId(state.ike, datagram);
  if (mid !== state.messageId) throw new FieldError("Message ID", mid, `this exchange is Message ID ${state.messageId}`);
  return openMessage(datagram, state.ike.keys, state.iv);
}

/** RFC 2407 section 4.5.4: the responder's RESPONDER-LIFETIME for this SA wins where it is shorter. */
function adoptResponderLifetime(offered: Lifetime, protocolId: number, notifications: readonly Notification[]): Lifetime {
  const n = notifications.find((x) => x.messageType === NotifyType.RESPONDER_LIFETIME && x.protocolId === protocolId);
  if (!n) return offered;
  const attributes = decodeAttributes(n.data);
  const out: { seconds?: number; kilobytes?: number } = { ...offered };
  for (let i = 0; i + 1 < attributes.length; i += 2) {
    const type = attributes[i]!;
    const duration = attributes[i + 1]!;
    if (type.type !== IpsecAttr.SA_LIFE_TYPE || duration.type !== IpsecAttr.SA_LIFE_DURATION || typeof duration.value !== "number") {
      throw new FieldError("Notification DATA", type.type, "RESPONDER-LIFETIME carries SA-Life-Type / SA-Life-Duration pairs");
    }
    const kind = type.value === LifeType.SECONDS ? "seconds" : type.value === LifeType.KILOBYTES ? "kilobytes" : undefined;
    if (!kind) throw new FieldError("SA-Life-Type", typeof type.value === "number" ? type.value : 0, "seconds (1) or kilobytes (2)");
    const mine = out[kind];
    out[kind] = mine === undefined ? duration.value : Math.min(mine, duration.value);
  }
  return out;
}

/** The lifetime our transform offered; none offered means RFC 2407 section 4.5's 28800 seconds. */
function offeredLifetime(t: Transform): Lifetime {
  const out: { seconds?: number; kilobytes?: number } = {};
  const a = t.attributes;
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i]!.type === IpsecAttr.SA_LIFE_TYPE && a[i + 1]!.type === IpsecAttr.SA_LIFE_DURATION) {
      const v = a[i + 1]!.value;
      if (typeof v === "number") out[a[i]!.value === LifeType.SECONDS ? "seconds" : "kilobytes"] = v;
    }
  }
  return out.seconds === undefined && out.kilobytes === undefined ? { ...DEFAULT_IPSEC_LIFETIME } : out;
}

/** The responder's SA payload must be one of our proposals with one of its transforms, byte for byte, and the responder's SPI. */
function acceptReply(state: QuickState, sa: SecurityAssociation): QuickAgreement {
  const bad = (reason: string): never => {
    throw new NegotiationError(NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal", reason);
  };
  if (sa.proposals.length !== 1) bad(`the reply holds ${sa.proposals.length} proposals; one protocol was offered per proposal, so one must come back`);
  const reply = sa.proposals[0]!;
  const ours = state.offer?.proposals.find((p) => p.number === reply.number && p.protocolId === reply.protocolId);
  if (!ours) bad(`proposal #${reply.number} for protocol ${reply.protocolId} was never offered`);
  if (reply.transforms.length !== 1) bad(`the reply must hold exactly one transform, it holds ${reply.transforms.length}`);
  const t = reply.transforms[0]!;
  const offered = ours!.transforms.find((o) => equalBytes(encodeTransform(o), encodeTransform(t)));
  if (!offered) bad(`transform #${t.number} is not one we offered, unchanged (RFC 2408 section 4.2)`);
  if (reply.spi.length !== 4) throw new FieldError("SPI Size", reply.spi.length, "AH and ESP SPIs are 4 octets");
  const peerSpi = readU32(reply.spi, 0);
  if (peerSpi < 256) throw new FieldError("SPI", peerSpi, "SPIs 0-255 are reserved (RFC 4303 section 2.1)");
  return { protocolId: reply.protocolId, transform: offered!, peerSpi, lifetime: offeredLifetime(offered!) };
}

/** Both directions' keys and everything the SAD needs. */
function childSa(state: QuickState): ChildSa {
  const agreed = state.agreed;
  if (!agreed || !state.nr) throw new FieldError("Quick mode state", "incomplete", "message 2 has not been processed");
  const t = agreed.transform;
  const algorithms = ipsecAlgorithms(agreed.protocolId, {
    transformId: t.id,
    authAlgorithm: transformAttribute(t, IpsecAttr.AUTHENTICATION_ALGORITHM),
    keyLength: transformAttribute(t, IpsecAttr.KEY_LENGTH),
  });
  const mode = transformAttribute(t, IpsecAttr.ENCAPSULATION_MODE);
  const ourSpi = state.spis.get(agreed.protocolId);
  if (ourSpi === undefined) throw new FieldError("SPI", agreed.protocolId, "no inbound SPI of ours for the agreed protocol");
  const base = { hash: state.ike.keys.hash, skeyidD: state.ike.keys.skeyid_d, protocolId: agreed.protocolId, niB: state.ni, nrB: state.nr, ...(state.gxy && { gxy: state.gxy }) };
  const keysFor = (spi: number) => childKeys({ ...base, spi }, algorithms.encryption, algorithms.integrity);
  return {
    protocol: agreed.protocolId === 2 ? "AH" : "ESP",
    mode: mode === EncapsulationMode.TRANSPORT || mode === EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT ? "transport" : "tunnel",
    udpEncapsulation: mode === EncapsulationMode.UDP_ENCAPSULATED_TUNNEL || mode === EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT,
    ...(algorithms.encryption && { encryption: algorithms.encryption }),
    integrity: algorithms.integrity,
    inbound: keysFor(ourSpi),
    outbound: keysFor(agreed.peerSpi),
    lifetime: agreed.lifetime,
    localSubnet: state.config.localSubnet,
    remoteSubnet: state.config.remoteSubnet,
    messageId: state.messageId,
    pfs: state.gxy !== undefined,
  };
}

export function quick3(state: QuickState, datagram: Uint8Array): { send: Uint8Array; child: ChildSa } {
  if (state.role !== "initiator") throw new FieldError("Quick mode state", state.role, "message 2 is processed by the initiator");
  const opened = openNext(state, datagram);
  const m = opened.message;
  const { hash: h, skeyid_a } = state.ike.keys;
  checkHash("HASH(2)", receivedHash(m), quickHash2(h, skeyid_a, state.messageId, state.ni, afterHash(m)));
  const q = quickPayloads(m);
  const agreed = acceptReply(state, q.sa);
  if (state.proxyIds || q.idci || q.idcr) {
    checkProxyIds(state.config, "initiator", q.idci, q.idcr, { initiator: state.ike.local.address, responder: state.ike.remote.address });
  }
  const gxy = pfsSecret(state.pfsGroup, q.ke, state.x);
  const done: QuickState = {
    ...state,
    nr: q.nonce,
    ...(gxy && { gxy }),
    agreed: { ...agreed, lifetime: adoptResponderLifetime(agreed.lifetime, agreed.protocolId, q.notifications) },
  };
  const sealed = sealQuick(state.ike, state.messageId, opened.nextIv, [], () => quickHash3(h, skeyid_a, state.messageId, state.ni, q.nonce));
  return { send: sealed.datagram, child: childSa(done) };
}

export function quickFinish(state: QuickState, datagram: Uint8Array): { child: ChildSa } {
  if (state.role !== "responder" || !state.nr) throw new FieldError("Quick mode state", state.role, "message 3 is processed by the responder, after message 2");
  const m = openNext(state, datagram).message;
  if (m.payloads.length !== 1) throw new NegotiationError(NotifyType.PAYLOAD_MALFORMED, "Next payload", `message 3 carries HASH(3) alone, not ${m.payloads.length} payloads`);
  const { hash: h, skeyid_a } = state.ike.keys;
  checkHash("HASH(3)", receivedHash(m), quickHash3(h, skeyid_a, state.messageId, state.ni, state.nr));
  return { child: childSa(state) };
}
