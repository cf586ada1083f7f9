/**
 * Exercise 09-quick-mode/proxy-id: the quick mode policy, the CHILD SA it
 * produces, and the proxy identities that say which traffic the SA carries
 * (reference solution).
 *
 * RFC 2409 section 5.5: quick mode may carry two Identification payloads,
 * IDci (the initiator's side) and IDcr (the responder's side), the "client"
 * identities the IKE peers negotiate for. They are the seed's crypto
 * access-list: `permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255` on R1
 * travels as ID_IPV4_ADDR_SUBNET 10.1.0.0/255.255.255.0 (IDci) and
 * 10.2.0.0/255.255.255.0 (IDcr), protocol 0 and port 0 for "any" (RFC 2407
 * section 4.6.2). When both are absent the identities are the IKE peers'
 * own addresses. The responder holds the mirror image of the initiator's
 * policy: its local subnet is the initiator's remote one. A mismatch is
 * refused with INVALID-ID-INFORMATION (18).
 *
 * Lesson: lessons/09-quick-mode.md#proxy-id
 */
import { NegotiationError, TextFormatError } from "@course/errors.ts";
import type { EncryptionName, IntegrityName } from "@course/ipsec-algorithms.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { formatIPv4, parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { maskToPrefix, networkAddress, prefixToMask } from "../01-bytes/subnet.ts";
import type { Identification } from "../03-payloads/identification.ts";
import type { Lifetime } from "../04-negotiation/ipsec-transform.ts";
import type { TransformSet } from "../04-negotiation/phase2.ts";
import type { Preference } from "../04-negotiation/phase1.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";
import type { Role } from "../07-main-mode/exchange.ts";

/** One side's quick mode settings: the seed's crypto map (access-list, transform set, lifetime, PFS). */
export interface Phase2Config {
  /** Our protected network as CIDR, e.g. "10.1.0.0/24" (the access-list's source). */
  readonly localSubnet: string;
  /** The peer's protected network (the access-list's destination). */
  readonly remoteSubnet: string;
  /** Initiator: offered in this order, one proposal each. Responder: acceptable sets, most preferred first. PFS: the sets' pfsGroup. */
  readonly sets: TransformSet[];
  /** The IPsec SA lifetime we offer (initiator) or accept at most (responder). */
  readonly lifetime: Lifetime;
  /** Responder only: whose order decides (chapter 04). */
  readonly prefer: Preference;
  /** Length of our Nonce data (20 on the seed's routers, 32 on strongSwan). */
  readonly nonceBytes: number;
  /** Message IDs, SPIs, nonces and PFS private values come from here. */
  readonly random: RandomSource;
}

/** One direction of a CHILD SA: its SPI and its keys. */
export interface ChildKeys {
  readonly spi: number;
  /** Empty for AH. */
  readonly encKey: Uint8Array;
  /** Empty when ESP has no integrity algorithm. */
  readonly integKey: Uint8Array;
}

/** What quick mode produces: a pair of SAs, one per direction, ready for the SAD (chapter 15). */
export interface ChildSa {
  readonly protocol: "ESP" | "AH";
  readonly mode: "tunnel" | "transport";
  /** ESP in UDP 4500 (RFC 3948): Encapsulation-Mode 3 or 4 was negotiated. */
  readonly udpEncapsulation: boolean;
  readonly encryption?: EncryptionName;
  readonly integrity: IntegrityName | "none";
  /** Packets we receive: the SPI we chose. */
  readonly inbound: ChildKeys;
  /** Packets we send: the SPI the peer chose. */
  readonly outbound: ChildKeys;
  readonly lifetime: Lifetime;
  readonly localSubnet: string;
  readonly remoteSubnet: string;
  readonly messageId: number;
  /** A fresh Diffie-Hellman exchange went into the keys. */
  readonly pfs: boolean;
}

/** An address and prefix length, e.g. { address: "10.1.0.0", prefix: 24 }. */
interface Subnet {
  readonly address: string;
  readonly prefix: number;
}

function parseCidr(cidr: string, field: string): Subnet {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m) throw new TextFormatError(field, cidr, "a subnet is written address/prefix, like 10.1.0.0/24");
  const prefix = Number(m[2]);
  if (prefix > 32) throw new TextFormatError(field, cidr, "the prefix length is 0 to 32");
  const address = parseIPv4(m[1]!);
  // An access-list names a network: host bits set would be a typo, not a subnet.
  if (formatIPv4(networkAddress(address, prefixToMask(prefix))) !== formatIPv4(address)) {
    throw new TextFormatError(field, cidr, "the address has host bits set: write the network address");
  }
  return { address: formatIPv4(address), prefix };
}

/** A policy subnet as a proxy identity: ID_IPV4_ADDR for a single host (/32), else ID_IPV4_ADDR_SUBNET; any protocol, any port. */
export function proxyIdentification(cidr: string): Identification {
  const s = parseCidr(cidr, "Subnet");
  if (s.prefix === 32) return { protocolId: 0, port: 0, identity: { type: "ipv4", address: s.address } };
  return { protocolId: 0, port: 0, identity: { type: "ipv4-subnet", address: s.address, mask: formatIPv4(prefixToMask(s.prefix)) } };
}

/** The subnet a received proxy identity names, as CIDR; INVALID-ID-INFORMATION for what a policy of whole subnets cannot hold. */
export function proxySubnet(id: Identification, field: string): string {
  // The policy protects all IP traffic between the subnets ("permit ip"):
  // an identity narrowed to one protocol or port is not that policy.
  if (id.protocolId !== 0 || id.port !== 0) {
    throw new NegotiationError(NotifyType.INVALID_ID_INFORMATION, field, `the policy covers every protocol and port, the peer asked for protocol ${id.protocolId} port ${id.port}`);
  }
  switch (id.identity.type) {
    case "ipv4":
      return `${id.identity.address}/32`;
    case "ipv4-subnet":
      return `${id.identity.address}/${maskToPrefix(parseIPv4(id.identity.mask))}`;
    default:
      throw new NegotiationError(NotifyType.INVALID_ID_INFORMATION, field, `a proxy identity is an address or a subnet, not ${id.identity.type}`);
  }
}

/** What the initiator sends: IDci = its own protected subnet, IDcr = the responder's. */
export function initiatorProxyIds(config: Phase2Config): { idci: Identification; idcr: Identification } {
  return { idci: proxyIdentification(config.localSubnet), idcr: proxyIdentification(config.remoteSubnet) };
}

/** The IKE peers' own addresses: the identities when quick mode carries none. */
export interface IkePeers {
  readonly initiator: string;
  readonly responder: string;
}

/**
 * Checks received IDci/IDcr against our policy, from our side of it:
 * IDci must be the initiator's subnet and IDcr the responder's. For the
 * responder that is (remote, local), the mirror image of what the initiator
 * sends; the initiator checks the responder echoed (local, remote).
 */
export function checkProxyIds(config: Phase2Config, role: Role, idci: Identification | undefined, idcr: Identification | undefined, peers: IkePeers): void {
  if ((idci === undefined) !== (idcr === undefined)) {
    throw new NegotiationError(NotifyType.INVALID_ID_INFORMATION, "Identification", "quick mode carries both IDci and IDcr or neither (RFC 2409 section 5.5)");
  }
  const ci = idci ? proxySubnet(idci, "IDci") : `${peers.initiator}/32`;
  const cr = idcr ? proxySubnet(idcr, "IDcr") : `${peers.responder}/32`;
  const local = parseCidr(config.localSubnet, "localSubnet");
  const remote = parseCidr(config.remoteSubnet, "remoteSubnet");
  const [wantCi, wantCr] = role === "initiator" ? [local, remote] : [remote, local];
  const text = (s: Subnet) => `${s.address}/${s.prefix}`;
  if (ci !== text(wantCi)) throw new NegotiationError(NotifyType.INVALID_ID_INFORMATION, "IDci", `the initiator's side is ${ci}, our policy says ${text(wantCi)}`);
  if (cr !== text(wantCr)) throw new NegotiationError(NotifyType.INVALID_ID_INFORMATION, "IDcr", `the responder's side is ${cr}, our policy says ${text(wantCr)}`);
}
