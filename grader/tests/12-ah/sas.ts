/**
 * The SAs of the hidden tests of chapters 12-15: the seed's SPIs, with keys
 * chosen here (the seed does not print its keys), and random SAs for the
 * randomized cases.
 */
import { type Rng, fromHexLoose } from "@teach";
import { INTEGRITY, type IntegrityName } from "@course/ipsec-algorithms.ts";
import type { AhSa } from "@ref/12-ah/protect.ts";
import type { EspSa } from "@ref/13-esp/encapsulate.ts";
import { R1, R2 } from "../11-ipv4/fixtures.ts";

export const SHA1_KEY = fromHexLoose("0102030405060708090a0b0c0d0e0f1011121314");
export const AES_KEY = fromHexLoose("2b7e151628aed2a6abf7158809cf4f3c");
export const IV = fromHexLoose("000102030405060708090a0b0c0d0e0f");

export const AH_TRANSPORT_SA: AhSa = { spi: 0xcf54ccdf, integrity: "hmac-sha1-96", integrityKey: SHA1_KEY };
export const AH_TUNNEL_SA: AhSa = { spi: 0x646adc80, integrity: "hmac-sha1-96", integrityKey: SHA1_KEY };
export const ESP_TRANSPORT_SA: EspSa = { spi: 0x36cb42df, encryption: "aes-128-cbc", encryptionKey: AES_KEY, integrity: "hmac-sha1-96", integrityKey: SHA1_KEY };
export const ESP_TUNNEL_SA: EspSa = { spi: 0x8bb181a7, encryption: "aes-128-cbc", encryptionKey: AES_KEY, integrity: "hmac-sha1-96", integrityKey: SHA1_KEY };

/** The seed's tunnel: the two routers are also the tunnel's ends. */
export const TUNNEL = { src: R1, dst: R2, identification: 0x0215 };

export const INTEGRITY_NAMES = Object.keys(INTEGRITY) as IntegrityName[];

export function randomAhSa(r: Rng): AhSa {
  const integrity = r.pick(INTEGRITY_NAMES);
  return { spi: r.int(256, 0xffffffff), integrity, integrityKey: r.bytes(INTEGRITY[integrity].keyBytes) };
}

export function randomEspSa(r: Rng, withIcv = true): EspSa {
  const integrity = withIcv ? r.pick(INTEGRITY_NAMES) : "none";
  const encryption = r.pick(["aes-128-cbc", "aes-256-cbc"] as const);
  return {
    spi: r.int(256, 0xffffffff),
    encryption,
    encryptionKey: r.bytes(encryption === "aes-128-cbc" ? 16 : 32),
    integrity,
    integrityKey: integrity === "none" ? new Uint8Array(0) : r.bytes(INTEGRITY[integrity].keyBytes),
  };
}

/** The seed's AH+ESP bundles: ESP encrypts without an ICV, AH authenticates. */
export const BUNDLE_TRANSPORT = {
  ah: { spi: 0xa90dc9aa, integrity: "hmac-sha1-96", integrityKey: SHA1_KEY } as AhSa,
  esp: { spi: 0xd2264f7a, encryption: "aes-128-cbc", encryptionKey: AES_KEY, integrity: "none", integrityKey: new Uint8Array(0) } as EspSa,
};
export const BUNDLE_TUNNEL = {
  ah: { spi: 0xa00ff1c7, integrity: "hmac-sha1-96", integrityKey: SHA1_KEY } as AhSa,
  esp: { spi: 0x233ebd83, encryption: "aes-128-cbc", encryptionKey: AES_KEY, integrity: "none", integrityKey: new Uint8Array(0) } as EspSa,
};
