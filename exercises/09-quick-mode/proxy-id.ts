/**
 * Exercise 09-quick-mode/proxy-id: the quick mode policy, the CHILD SA it
 * produces, and the proxy identities (IDci, IDcr) that say which traffic the
 * SA carries.
 *
 * The types Phase2Config, ChildKeys and ChildSa are given: the rest of the
 * chapter (and the engine) uses them. Write:
 *
 * 1. `proxyIdentification(cidr)`: a policy subnet such as "10.1.0.0/24" as
 *    an Identification (chapter 03): protocolId 0, port 0 (all traffic, the
 *    access-list's `permit ip`), identity ID_IPV4_ADDR_SUBNET
 *    `{ type: "ipv4-subnet", address: "10.1.0.0", mask: "255.255.255.0" }`;
 *    a /32 is a single host: `{ type: "ipv4", address }` (ID_IPV4_ADDR).
 *    Text that is not address/prefix, a prefix above 32, or an address with
 *    host bits set ("10.1.0.1/24") -> TextFormatError("Subnet", cidr, reason).
 * 2. `proxySubnet(id, field)`: the reverse, as CIDR text ("10.1.0.0/24",
 *    "192.168.12.1/32"). Anything a subnet policy cannot hold ->
 *    NegotiationError(INVALID_ID_INFORMATION (18), field, reason): a
 *    protocol or port other than 0, an identity that is neither an address
 *    nor a subnet (FQDN). `field` is "IDci" or "IDcr".
 * 3. `initiatorProxyIds(config)`: IDci = the initiator's localSubnet,
 *    IDcr = its remoteSubnet.
 * 4. `checkProxyIds(config, role, idci, idcr, peers)`: the received IDs
 *    against our policy, seen from our side. IDci names the initiator's
 *    subnet, IDcr the responder's: a responder expects (remoteSubnet,
 *    localSubnet), the mirror image of what the initiator sends; an
 *    initiator checking the echo in message 2 expects (localSubnet,
 *    remoteSubnet). Subnets must match exactly. Both IDs absent (RFC 2409
 *    section 5.5): they are the IKE peers' addresses as /32
 *    (`peers.initiator`, `peers.responder`). Refusals are
 *    NegotiationError(INVALID_ID_INFORMATION, field, reason) with field
 *    "Identification" when exactly one ID came, else "IDci" or "IDcr" for
 *    the first that does not match (IDci is checked first). Bad subnets in
 *    our own config -> TextFormatError.
 *
 * Useful: parseIPv4/formatIPv4 (../01-bytes/ipv4-address.ts),
 * prefixToMask/maskToPrefix/networkAddress (../01-bytes/subnet.ts),
 * NotifyType from "@course/isakmp-attributes.ts".
 *
 * Lesson: lessons/09-quick-mode.md#proxy-id
 */
import { todo } from "@course/todo.ts";
import type { EncryptionName, IntegrityName } from "@course/ipsec-algorithms.ts";
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

export function proxyIdentification(cidr: string): Identification {
  return todo("proxyIdentification");
}

export function proxySubnet(id: Identification, field: string): string {
  return todo("proxySubnet");
}

export function initiatorProxyIds(config: Phase2Config): { idci: Identification; idcr: Identification } {
  return todo("initiatorProxyIds");
}

/** The IKE peers' own addresses: the identities when quick mode carries none. */
export interface IkePeers {
  readonly initiator: string;
  readonly responder: string;
}

export function checkProxyIds(config: Phase2Config, role: Role, idci: Identification | undefined, idcr: Identification | undefined, peers: IkePeers): void {
  return todo("checkProxyIds");
}
