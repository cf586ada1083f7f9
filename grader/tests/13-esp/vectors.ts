/** RFC 3602 section 4's vectors, typed (from ../vectors/esp-aes-cbc.json, verified with OpenSSL). */
import { fromHexLoose } from "@teach";
import data from "../vectors/esp-aes-cbc.json";

export interface CbcCase {
  readonly case: number;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly plaintext: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface EspCase {
  readonly case: number;
  readonly title: string;
  readonly mode: "transport" | "tunnel";
  readonly key: Uint8Array;
  readonly spi: number;
  readonly sequence: number;
  readonly src: string;
  readonly dst: string;
  readonly iv: Uint8Array;
  readonly originalPacket: Uint8Array;
  readonly padding: Uint8Array;
  readonly plaintextBeforeEncryption: Uint8Array;
  readonly outerIpHeader: Uint8Array;
  readonly espPacket: Uint8Array;
  readonly fullIpPacket: Uint8Array;
}

export const CBC_CASES: readonly CbcCase[] = data.aes_cbc.map((c) => ({ case: c.case, key: fromHexLoose(c.key), iv: fromHexLoose(c.iv), plaintext: fromHexLoose(c.plaintext), ciphertext: fromHexLoose(c.ciphertext) }));

export const ESP_CASES: readonly EspCase[] = data.esp_packets.map((c) => ({
  case: c.case,
  title: c.title,
  mode: c.mode as "transport" | "tunnel",
  key: fromHexLoose(c.key),
  spi: parseInt(c.spi, 16),
  sequence: c.sequence_number,
  src: c.source_address,
  dst: c.destination_address,
  iv: fromHexLoose(c.iv),
  originalPacket: fromHexLoose(c.original_packet),
  padding: fromHexLoose(c.padding),
  plaintextBeforeEncryption: fromHexLoose(c.plaintext_before_encryption),
  outerIpHeader: fromHexLoose(c.outer_ip_header),
  espPacket: fromHexLoose(c.esp_packet),
  fullIpPacket: fromHexLoose(c.full_ip_packet),
}));
