/** Runs tshark on a capture and returns chosen fields of every packet, as Wireshark's dissectors read them. */
import { spawnSync } from "node:child_process";

export interface TsharkOptions {
  /** `-o name:value` preferences, e.g. { "esp.enable_encryption_decode": "TRUE" }. */
  readonly prefs?: Readonly<Record<string, string>>;
  /** A display filter (-Y). */
  readonly filter?: string;
  /** XDG_CONFIG_HOME for tshark: a folder holding `wireshark/esp_sa` and friends. */
  readonly configHome?: string;
}

function run(args: string[], o: TsharkOptions): string {
  const prefs = Object.entries(o.prefs ?? {}).flatMap(([k, v]) => ["-o", `${k}:${v}`]);
  const r = spawnSync("tshark", ["-n", ...prefs, ...(o.filter ? ["-Y", o.filter] : []), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...(o.configHome ? { XDG_CONFIG_HOME: o.configHome } : {}) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`tshark failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/**
 * One row per packet, one array of values per field (a field that occurs
 * several times in a packet, such as isakmp.payloadlength, gives several).
 */
export function tsharkFields(pcap: string, fields: readonly string[], o: TsharkOptions = {}): Record<string, string[]>[] {
  const out = run(["-r", pcap, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|", ...fields.flatMap((f) => ["-e", f])], o);
  return out
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const cells = line.split("\t");
      return Object.fromEntries(fields.map((f, i) => [f, cells[i] ? cells[i]!.split("|") : []]));
    });
}

/** The packet details as text (`-V`), for expert-info and "malformed" checks. */
export function tsharkVerbose(pcap: string, o: TsharkOptions = {}): string {
  return run(["-r", pcap, "-V"], o);
}

/** Expert-info lines (`-z expert`): Wireshark's own list of warnings and errors. */
export function tsharkExpert(pcap: string, o: TsharkOptions = {}): string {
  return run(["-r", pcap, "-q", "-z", "expert"], o);
}
