/**
 * Keys for a capture, written where Wireshark looks for them. `esp_sa` is
 * Wireshark's own file name and line format for its ESP SA table (one line
 * per SA and direction, every field a quoted string); placed in
 * `$XDG_CONFIG_HOME/wireshark/` or Wireshark's personal configuration folder it
 * lets Wireshark and tshark decrypt ESP and check ICVs. `ikev1_decryption_table`
 * is its IKEv1 table (initiator cookie, encryption key: unquoted hex), with
 * which it decrypts main mode 5 and 6, quick mode and informational
 * messages, deriving the IVs itself. `sa.json` lists the same SAs for tools
 * that take keys another way.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChildSa } from "../../../solutions/09-quick-mode/proxy-id.ts";
import { hex, hex32 } from "../teach/hexdump.ts";

/** Wireshark's names for the algorithms this course implements (its ESP preferences' choices). */
export const WIRESHARK_ENCRYPTION = {
  null: "NULL",
  "aes-cbc": "AES-CBC [RFC3602]",
  "3des-cbc": "TripleDES-CBC [RFC2451]",
} as const;
export const WIRESHARK_INTEGRITY = {
  none: "NULL",
  "hmac-sha1-96": "HMAC-SHA-1-96 [RFC2404]",
  "hmac-md5-96": "HMAC-MD5-96 [RFC2403]",
  "hmac-sha256-128": "HMAC-SHA-256-128 [RFC4868]",
} as const;

export interface SaRecord {
  readonly protocol: "ESP" | "AH";
  /** The SPI as the receiver chose it. */
  readonly spi: number;
  readonly src: string;
  readonly dst: string;
  readonly mode: "transport" | "tunnel";
  readonly encryption: keyof typeof WIRESHARK_ENCRYPTION;
  readonly encryptionKey: Uint8Array;
  readonly integrity: keyof typeof WIRESHARK_INTEGRITY;
  readonly integrityKey: Uint8Array;
}

/** One IKEv1 SA as Wireshark's ikev1_decryption_table names it. */
export interface IkeSaRecord {
  readonly initiatorCookie: Uint8Array;
  readonly encryptionKey: Uint8Array;
}

/** A CHILD SA (chapter 09) as its two esp_sa rows, Wireshark's names for its algorithms: what we send, then what we receive. */
export function childSaRecords(child: ChildSa, local: string, remote: string): SaRecord[] {
  const encryption = child.encryption ? "aes-cbc" : "null";
  const base = { protocol: child.protocol, mode: child.mode, encryption, integrity: child.integrity } as const;
  return [
    { ...base, spi: child.outbound.spi, src: local, dst: remote, encryptionKey: child.outbound.encKey, integrityKey: child.outbound.integKey },
    { ...base, spi: child.inbound.spi, src: remote, dst: local, encryptionKey: child.inbound.encKey, integrityKey: child.inbound.integKey },
  ];
}

const spiHex = (spi: number) => `0x${hex32(spi)}`;

/** Wireshark's esp_sa table: protocol, source, destination, SPI, encryption, key, authentication, key. */
export function espSaTable(sas: readonly SaRecord[]): string {
  return sas
    .filter((sa) => sa.protocol === "ESP")
    .map((sa) =>
      [
        "IPv4",
        sa.src,
        sa.dst,
        spiHex(sa.spi),
        WIRESHARK_ENCRYPTION[sa.encryption],
        sa.encryptionKey.length ? `0x${hex(sa.encryptionKey)}` : "",
        WIRESHARK_INTEGRITY[sa.integrity],
        sa.integrityKey.length ? `0x${hex(sa.integrityKey)}` : "",
      ]
        .map((f) => `"${f}"`)
        .join(","),
    )
    .map((line) => line + "\n")
    .join("");
}

export function saJson(sas: readonly SaRecord[]): string {
  const rows = sas.map((sa) => ({
    protocol: sa.protocol,
    spi: spiHex(sa.spi),
    src: sa.src,
    dst: sa.dst,
    mode: sa.mode,
    encryption: sa.encryption,
    encryption_key: hex(sa.encryptionKey),
    integrity: sa.integrity,
    integrity_key: hex(sa.integrityKey),
  }));
  return JSON.stringify({ sas: rows }, null, 2) + "\n";
}

/** Wireshark's ikev1_decryption_table: `<initiator cookie>,<encryption key>` per line. */
export function ikev1DecryptionTable(ikeSas: readonly IkeSaRecord[]): string {
  return ikeSas.map((sa) => `${hex(sa.initiatorCookie)},${hex(sa.encryptionKey)}\n`).join("");
}

/** Writes `esp_sa` and `sa.json` (and `ikev1_decryption_table` when there are IKE SAs) into dir; returns the paths written. */
export function writeKeysDir(dir: string, sas: readonly SaRecord[], ikeSas: readonly IkeSaRecord[] = []): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, "esp_sa"), join(dir, "sa.json")];
  writeFileSync(files[0]!, espSaTable(sas));
  writeFileSync(files[1]!, saJson(sas));
  if (ikeSas.length > 0) {
    files.push(join(dir, "ikev1_decryption_table"));
    writeFileSync(files[2]!, ikev1DecryptionTable(ikeSas));
  }
  return files;
}
