/**
 * Exercise 10-informational/rekey: when to make a new SA, and how to move
 * traffic onto it without losing a packet (reference solution).
 *
 * Every SA has a hard lifetime, agreed in its SA payload (RFC 2407 section
 * 4.5, RFC 2409 Appendix A): at that moment it is gone (RFC 4301 section
 * 4.4.2.1). A new one must be ready before, so each side keeps a soft
 * lifetime, earlier than the hard one, at which it starts a new exchange:
 *
 *   soft = installed + hard lifetime - margin - jitter,  jitter in [0, rand]
 *
 * strongSwan's ipsec.conf calls them margintime (9 minutes by default) and
 * rekeyfuzz (the jitter, up to 100 % of the margin by default); swanctl.conf
 * says the same with rekey_time (soft), life_time (hard) and rand_time.
 * The jitter makes it unlikely that both peers start the same rekey at once.
 *
 * Make-before-break: the new SA is negotiated and installed while the old
 * one still works; outbound traffic moves to the newest SA as soon as it is
 * installed; the old one is deleted (Delete payload) only after that, or,
 * as strongSwan does for IKEv1 by default, kept for inbound packets until
 * its own hard lifetime (some peers go on sending on it).
 *
 * Lesson: lessons/10-informational.md#rekey
 */
import { FieldError } from "@course/errors.ts";
import { readU32 } from "../01-bytes/integers.ts";
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

/** A uniform whole number of seconds in [0, max], from 4 random octets. */
function jitter(random: RandomSource, max: number): number {
  if (max === 0) return 0;
  const bytes = random(4);
  if (bytes.length !== 4) throw new FieldError("Rekey jitter", bytes.length, "the random source must return 4 octets");
  return Math.floor((readU32(bytes, 0) / 2 ** 32) * (max + 1));
}

export function rekeyTimes(installedAt: number, lifetimeSeconds: number, policy: RekeyPolicy, random: RandomSource): SaTimes {
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1) throw new FieldError("SA Life Duration", lifetimeSeconds, "a lifetime is a positive number of seconds");
  const { marginSeconds, randSeconds } = policy;
  if (!Number.isInteger(marginSeconds) || !Number.isInteger(randSeconds) || marginSeconds < 0 || randSeconds < 0) {
    throw new FieldError("Rekey margin", `${marginSeconds}/${randSeconds}`, "margin and random time are whole seconds, not negative");
  }
  // The earliest possible soft lifetime must still be after installation,
  // or the SA would be rekeyed before it carried anything.
  if (marginSeconds + randSeconds >= lifetimeSeconds) {
    throw new FieldError("Rekey margin", marginSeconds + randSeconds, `margin plus random time must be shorter than the ${lifetimeSeconds} s lifetime`);
  }
  const hardAt = installedAt + lifetimeSeconds;
  return { installedAt, softAt: hardAt - marginSeconds - jitter(random, randSeconds), hardAt };
}

export interface LiveSa<S> {
  readonly sa: S;
  readonly times: SaTimes;
}

/**
 * The SA outbound packets use now: the most recently installed one that has
 * not reached its hard lifetime; undefined if none is left (traffic must
 * wait for a new negotiation).
 */
export function outboundSa<S>(sas: readonly LiveSa<S>[], now: number): S | undefined {
  let best: LiveSa<S> | undefined;
  for (const s of sas) {
    if (now >= s.times.hardAt) continue;
    if (best === undefined || s.times.installedAt > best.times.installedAt) best = s;
  }
  return best?.sa;
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
  /**
   * Delete an SA as soon as a newer one is installed (strongSwan's
   * charon.delete_rekeyed = yes), or keep it, inbound only, until its hard
   * lifetime, in case the peer still sends on it (strongSwan's IKEv1
   * default, delete_rekeyed = no).
   */
  readonly deleteRekeyed: boolean;
}

/**
 * What to do now with the SAs of one connection (one pair of proxy IDs).
 * Make-before-break: an old SA goes only once a newer one is installed, and
 * rekeying starts once, for the newest SA only; an SA past its hard
 * lifetime goes whatever else holds.
 */
export function rekeyActions<S>(sas: readonly LiveSa<S>[], now: number, state: RekeyState): RekeyAction<S>[] {
  const actions: RekeyAction<S>[] = [];
  const newest = outboundSa(sas, now);
  for (const s of sas) {
    if (now >= s.times.hardAt) actions.push({ kind: "expire", sa: s.sa });
    else if (s.sa !== newest) {
      if (state.deleteRekeyed) actions.push({ kind: "delete", sa: s.sa });
    } else if (now >= s.times.softAt && !state.rekeying) actions.push({ kind: "rekey", sa: s.sa });
  }
  return actions;
}
