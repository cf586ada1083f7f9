/**
 * Octet-string equality, for the many places IKE compares octets it holds
 * with octets a message carries: cookies and SPIs, vendor IDs, NAT-D hashes,
 * the HASH payloads. Shared by the learner's code, the reference solution
 * and the course's own tools.
 *
 * Not constant-time: the course compares for correctness and names the
 * field that differs. A production IKE daemon compares authentication
 * hashes in constant time so that the time a refusal takes says nothing
 * about how many leading octets were right.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
