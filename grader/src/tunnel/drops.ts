/**
 * Why the tunnel dropped something, one word per cause: the data plane
 * counts them, the IKE controller reports its own, `tunnel status` shows the
 * totals and the log names each drop with its reason.
 */
export type DropReason =
  | "no-policy" // TUN packet matching no protect policy (SPD discard)
  | "queue-full" // no SA yet and the initiation queue is full
  | "unknown-spi"
  | "replay"
  | "integrity"
  | "malformed"
  | "policy"
  | "expired" // inbound ESP
  | "ike-malformed"
  | "ike-unknown-peer"
  | "ike-unknown-sa"
  | "ike-bad-hash"
  | "ike-rejected"; // IKE (counted by the IKE controller)

/** The reasons an IKE message is dropped for. */
export type IkeDropReason = Extract<DropReason, `ike-${string}`>;
