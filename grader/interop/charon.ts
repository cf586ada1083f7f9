/**
 * Reading what strongSwan's charon logged (level 4 hex dumps of every key
 * and IV it derives), for the interop tests that compare our derivations
 * with it. Starting charon lives in the product (grader/src/lab/charon.ts,
 * also the right side of `ipsec-course lab up --right strongswan`); it is
 * re-exported here for the tests.
 */
export { CHARON, ikev1PskConfig, startCharon, type Charon, type CharonOptions, type PskConnection } from "../src/lab/charon.ts";

export interface LogDump {
  /** The label charon printed, e.g. "SKEYID_e", "HASH_I", "encryption key Ka". */
  readonly label: string;
  /** The two-digit thread number that printed it. */
  readonly thread: string;
  readonly bytes: Uint8Array;
}

/**
 * Every hex dump in a charon log, in order: a line "<label> => N bytes @ 0x..."
 * followed by N bytes of lines "   0: 7E DD 88 ...".
 */
export function charonDumps(log: string): LogDump[] {
  const lines = log.split("\n");
  const out: LogDump[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\d\d)\[\w+\] (.*?) => (\d+) bytes @ /.exec(lines[i]!);
    if (!head) continue;
    const [, thread, label, count] = head;
    const hex: string[] = [];
    for (let j = i + 1; j < lines.length && hex.length < Number(count); j++) {
      const row = /^\d\d\[\w+\]\s+\d+: ((?:[0-9A-F]{2} ){0,15}[0-9A-F]{2})/.exec(lines[j]!);
      if (!row) break;
      hex.push(...row[1]!.split(" "));
    }
    if (hex.length !== Number(count)) continue;
    out.push({ label: label!.trim(), thread: thread!, bytes: Uint8Array.from(hex.map((h) => parseInt(h, 16))) });
  }
  return out;
}

/** The labels charon prints (level 4) for the phase 1 values, by the course's names for them. */
export const PHASE1_DUMPS: Readonly<Record<string, string>> = {
  gxy: "shared Diffie Hellman secret",
  skeyid: "SKEYID",
  skeyid_d: "SKEYID_d",
  skeyid_a: "SKEYID_a",
  skeyid_e: "SKEYID_e",
  encKey: "encryption key Ka",
  iv: "initial IV",
};

/** The last dump of each label in a charon log, as hex, keyed like `labels`; throws for a label charon did not print. */
export function lastDumps(log: string, labels: Readonly<Record<string, string>>): Record<string, string> {
  const dumps = charonDumps(log);
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(labels)) {
    const d = dumps.filter((x) => x.label === label).at(-1);
    if (!d) throw new Error(`charon's log has no "${label}" dump`);
    out[key] = Buffer.from(d.bytes).toString("hex");
  }
  return out;
}
