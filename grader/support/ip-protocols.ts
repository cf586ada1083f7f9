/**
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers", the value of
 * the IPv4 Protocol field and of the Next Header fields of AH and ESP), with
 * Wireshark's names for them. Shared by the learner's code, the reference
 * solution and the hidden tests of chapters 11-15.
 */
export const IP_PROTOCOL = {
  ICMP: 1,
  /** IPv4 inside IPv4: what AH and ESP carry in tunnel mode (RFC 2003). */
  IPIP: 4,
  TCP: 6,
  UDP: 17,
  /** Encapsulating Security Payload, RFC 4303. */
  ESP: 50,
  /** Authentication Header, RFC 4302. */
  AH: 51,
} as const;

export type IpProtocolName = keyof typeof IP_PROTOCOL;

/** The names Wireshark prints, e.g. 51 → "Authentication Header (51)". */
export const IP_PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  1: "ICMP",
  4: "IPIP",
  6: "TCP",
  17: "UDP",
  50: "Encap Security Payload",
  51: "Authentication Header",
};
