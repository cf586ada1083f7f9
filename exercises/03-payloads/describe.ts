/**
 * Exercise 03-payloads/describe: print a message as Wireshark's tree
 *
 * `describeMessage(m)` returns lines joined by "\n": first the 8 header
 * lines of describeHeader (chapter 02; Length and Next payload as
 * encodeMessage would write them), then for each payload a title line and,
 * indented 4 spaces per level, its fields, in the words of `tshark -V`
 * (Wireshark 4.0). The lesson lists every line; in short:
 *   Payload: Security Association (1)          (title; vendor IDs add " : <name>",
 *       Next payload: Vendor ID (13)             proposals and transforms " # <number>")
 *       Reserved: 00
 *       Payload length: 60
 *       ...fields of the payload...
 * Names come from "@course/isakmp-names.ts" and "@course/isakmp-attributes.ts"
 * as "<name> (<number>)", or "Unknown (<number>)". Byte fields print as hex;
 * longer than 36 bytes: the first 36 then "…". Attributes print as
 * "IKE Attribute (t=<type>,l=<value length>): <class name>: <value name or number>"
 * in phase 1 (protocol ISAKMP), "IPsec Attribute (...)" otherwise.
 *
 * Lesson: lessons/03-payloads.md#describe
 */
import { todo } from "@course/todo.ts";
import type { IsakmpMessage } from "./message.ts";

export function describeMessage(m: IsakmpMessage): string {
  return todo("describeMessage");
}

