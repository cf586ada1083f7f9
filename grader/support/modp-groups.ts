/**
 * The MODP Diffie-Hellman groups of IKEv1: the prime p and generator g that
 * the Group Description attribute (type 4) names.
 *
 * Sources: groups 1 and 2, RFC 2409 sections 6.1 and 6.2; groups 5, 14 and
 * 15, RFC 3526 sections 2, 3 and 4. The primes are copied from the course's
 * checked reference file (shared reference modp-groups.json, re-derived there
 * from the RFC formulas and compared with OpenSSL's built-in groups);
 * grader/test/modp-groups.test.ts checks that this table still matches it.
 *
 * This table is given to you, not an exercise: a prime is a constant to look
 * up, the arithmetic on it is the skill.
 */
import { FieldError } from "./errors.ts";

export interface ModpGroup {
  /** The Group Description value on the wire (isakmp.ike.attr.group_description). */
  readonly id: number;
  /** The name Wireshark prints for it. */
  readonly name: string;
  /** Bit length of p. */
  readonly bits: number;
  /** Octets of a public value or shared secret in this group: the length of p. */
  readonly bytes: number;
  readonly p: bigint;
  readonly g: bigint;
}

const hexPrime = (lines: readonly string[]): bigint => BigInt("0x" + lines.join(""));

export const MODP_GROUPS: readonly ModpGroup[] = [
  {
    id: 1,
    name: "Default 768-bit MODP group",
    bits: 768,
    bytes: 96,
    p: hexPrime([
      "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
      "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
      "4fe1356d6d51c245e485b576625e7ec6f44c42e9a63a3620ffffffffffffffff",
    ]),
    g: 2n,
  },
  {
    id: 2,
    name: "Alternate 1024-bit MODP group",
    bits: 1024,
    bytes: 128,
    p: hexPrime([
      "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
      "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
      "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
      "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff",
    ]),
    g: 2n,
  },
  {
    id: 5,
    name: "1536 bit MODP group",
    bits: 1536,
    bytes: 192,
    p: hexPrime([
      "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
      "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
      "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
      "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
      "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
      "9ed529077096966d670c354e4abc9804f1746c08ca237327ffffffffffffffff",
    ]),
    g: 2n,
  },
  {
    id: 14,
    name: "2048 bit MODP group",
    bits: 2048,
    bytes: 256,
    p: hexPrime([
      "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
      "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
      "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
      "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
      "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
      "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
      "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
      "3995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff",
    ]),
    g: 2n,
  },
  {
    id: 15,
    name: "3072 bit MODP group",
    bits: 3072,
    bytes: 384,
    p: hexPrime([
      "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
      "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
      "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
      "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
      "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
      "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
      "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
      "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33",
      "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
      "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864",
      "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2",
      "08e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
    ]),
    g: 2n,
  },
];

/** The group a Group Description value names; a FieldError for a value that is not a MODP group here. */
export function modpGroup(id: number): ModpGroup {
  const group = MODP_GROUPS.find((g) => g.id === id);
  if (!group) throw new FieldError("Group Description", id, `not one of the MODP groups ${MODP_GROUPS.map((g) => g.id).join(", ")}`);
  return group;
}
