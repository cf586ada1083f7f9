/** The assertion the tests of messages 6 and finish share for a failed proof. (Not a test file.) */
import { expectEqual, expectThrows, expectTrue, show } from "@teach";
import type { NegotiationError } from "@course/errors.ts";

/** Runs fn, which must throw NegotiationError AUTHENTICATION-FAILED whose reason points at the pre-shared key. */
export function expectAuthFailed(fn: () => unknown, what: string, field: string): void {
  expectThrows(fn, { what, error: "NegotiationError", field, why: "the peer must be told AUTHENTICATION-FAILED (24, RFC 2408 section 3.14.1)." });
  try {
    fn();
  } catch (e) {
    const n = e as NegotiationError;
    expectEqual(n.notifyType, 24, { what: `${what}: the NegotiationError's notifyType`, why: "24 is AUTHENTICATION-FAILED: the notify the peer gets, and the one an administrator searches the logs for." });
    expectTrue(n.reason.includes("pre-shared keys differ?"), `${what}: the reason should end with "the pre-shared keys differ?", but it is ${show(n.reason)}.`, "a mistyped key is by far the most common cause; the reason must point the administrator at it.");
  }
}
