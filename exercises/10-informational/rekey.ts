/**
 * Exercise 10-informational/rekey: when to make a new SA, and how to move
 * traffic onto it without losing a packet. Times are seconds on one clock,
 * passed in by the caller.
 *
 * 1. `rekeyTimes(installedAt, lifetimeSeconds, policy, random)`:
 *      hardAt = installedAt + lifetimeSeconds
 *      softAt = hardAt - marginSeconds - jitter
 *    jitter = floor(u / 2^32 * (randSeconds + 1)), u = 4 octets from
 *    `random` read big-endian; with randSeconds 0, jitter is 0 and `random`
 *    is not called. Errors: lifetime not a whole number >= 1 ->
 *    FieldError("SA Life Duration", it, reason); margin or random time not a
 *    whole number >= 0, or margin + random >= lifetime ->
 *    FieldError("Rekey margin", a value, reason).
 * 2. `outboundSa(sas, now)`: the SA outbound packets use: among those with
 *    now < hardAt, the one installed last (largest installedAt; on a tie the
 *    first in the list); undefined if none.
 * 3. `rekeyActions(sas, now, state)`: one action per SA that needs one, in
 *    the order of `sas`:
 *    - now >= hardAt: { kind: "expire", sa };
 *    - otherwise, not the outboundSa: { kind: "delete", sa } if
 *      state.deleteRekeyed, else nothing (kept for inbound packets);
 *    - otherwise (the outbound SA), now >= softAt and not state.rekeying:
 *      { kind: "rekey", sa }.
 *
 * Lesson: lessons/10-informational.md#rekey
 */
import { todo } from "@course/todo.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";

export interface RekeyPolicy {
  /** Seconds before the hard lifetime at which rekeying starts at the latest (strongSwan's margintime). */
  readonly marginSeconds: number;
  /** Up to this many further seconds earlier, chosen at random per SA (strongSwan's rekeyfuzz, as seconds). */
  readonly randSeconds: number;
}

/** When an SA was installed, when to rekey it, and when it dies: seconds on one clock. */
export interface SaTimes {
  readonly installedAt: number;
  readonly softAt: number;
  readonly hardAt: number;
}

export interface LiveSa<S> {
  readonly sa: S;
  readonly times: SaTimes;
}

export type RekeyAction<S> =
  /** Start a new exchange to replace this SA. */
  | { readonly kind: "rekey"; readonly sa: S }
  /** A newer SA carries the traffic: send a Delete for this one and remove it. */
  | { readonly kind: "delete"; readonly sa: S }
  /** Its hard lifetime is over: remove it (no Delete needed, the peer's clock says the same). */
  | { readonly kind: "expire"; readonly sa: S };

export interface RekeyState {
  /** A rekey exchange for this connection is already under way: do not start another. */
  readonly rekeying: boolean;
  /** Delete an SA as soon as a newer one is installed (strongSwan's delete_rekeyed = yes), or keep it until its hard lifetime. */
  readonly deleteRekeyed: boolean;
}

export function rekeyTimes(installedAt: number, lifetimeSeconds: number, policy: RekeyPolicy, random: RandomSource): SaTimes {
  return todo("rekeyTimes");
}

export function outboundSa<S>(sas: readonly LiveSa<S>[], now: number): S | undefined {
  return todo("outboundSa");
}

export function rekeyActions<S>(sas: readonly LiveSa<S>[], now: number, state: RekeyState): RekeyAction<S>[] {
  return todo("rekeyActions");
}
