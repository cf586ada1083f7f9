/**
 * Exercise 05-diffie-hellman/peer-value: checking the peer's public value
 *
 * Write `checkPeerPublic(group, keyExchangeData)`: the Key Exchange Data of
 * the peer's KE payload, checked, as a bigint y. Refuse with
 * FieldError("Key Exchange Data", value, reason):
 *   - a length other than group.bytes (value: the length);
 *   - y <= 1 (value: y): 0 and 1 make the shared secret 0 or 1;
 *   - y >= p-1 (value: y): p-1 makes it ±1, p and above are not values mod p.
 *
 * Lesson: lessons/05-diffie-hellman.md#peer-value
 */
import { todo } from "@course/todo.ts";
import type { ModpGroup } from "@course/modp-groups.ts";

export function checkPeerPublic(group: ModpGroup, keyExchangeData: Uint8Array): bigint {
  return todo("checkPeerPublic");
}
