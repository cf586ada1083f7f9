/**
 * Two quick modes between two strongSwan 5.9.8 daemons (charon with
 * kernel-libipsec), recorded by grader/interop/record-quick-mode.ts in two
 * network namespaces: 192.168.12.1 initiates, 192.168.12.2 responds, main
 * mode with the seed's proposal (AES-CBC-128, SHA-1, group 2, PSK
 * "cisco123"), then quick mode for 10.1.1.0/24 <-> 10.2.2.0/24 with ESP
 * AES-CBC-128 + HMAC-SHA-1, once without PFS and once with PFS in group 2.
 *
 * The quick mode messages are the ISAKMP messages as captured on UDP 4500
 * (after the 4-octet non-ESP marker, which is not part of them), still
 * encrypted; lastIv is the last ciphertext block of main mode message 6
 * from the same capture. Everything else is what charon printed at log
 * level 4 (ike/enc/chd): SKEYID_*, the phase 1 key, the first quick mode
 * IV, Hash(1)/(2)/(3), the PFS secret, the KEYMAT seeds (protocol | SPI |
 * Ni_b | Nr_b), the ESP keys and the SPIs it installed. Both daemons logged
 * the same hashes and keys. "Initiator" keys protect what the initiator
 * sends: they are derived with the responder's SPI.
 */
export interface StrongswanQuickMode {
  readonly label: string;
  readonly hash: "sha1";
  readonly cipher: "aes128";
  readonly psk: string;
  readonly ckyI: string;
  readonly ckyR: string;
  readonly skeyid: string;
  readonly skeyid_d: string;
  readonly skeyid_a: string;
  readonly skeyid_e: string;
  readonly encKey: string;
  /** Last CBC block of main mode message 6 (from the capture). */
  readonly lastIv: string;
  readonly messageId: number;
  /** charon's "next IV for MID": hash(lastIv | M-ID), cut to 16 octets. */
  readonly quickIv: string;
  /** The three quick mode messages, encrypted, as they travelled. */
  readonly qm1: string;
  readonly qm2: string;
  readonly qm3: string;
  readonly hash1: string;
  readonly hash2: string;
  readonly hash3: string;
  /** PFS only: the group and g(qm)^xy. */
  readonly pfsGroup?: number;
  readonly gxyQuick?: string;
  /** The SPI the initiator chose (its inbound SA) and the responder's. */
  readonly initiatorSpi: string;
  readonly responderSpi: string;
  /** KEYMAT seeds as charon logged them: [g^xy |] protocol | SPI | Ni_b | Nr_b. */
  readonly initiatorSeed: string;
  readonly responderSeed: string;
  /** ESP keys: "I" for traffic the initiator sends (responder's SPI), "R" for the other direction. */
  readonly encI: string;
  readonly encR: string;
  readonly integI: string;
  readonly integR: string;
}

export const NO_PFS: StrongswanQuickMode = {
  label: "strongSwan 5.9.8 quick mode, ESP AES-CBC-128 + HMAC-SHA-1, no PFS",
  hash: "sha1",
  cipher: "aes128",
  psk: "cisco123",
  ckyI: "b5f29f0fcb5b88a8",
  ckyR: "da6f038bc5215b47",
  skeyid: "9a4f45a875ad38243fe534c01ed912e4fd3b7b15",
  skeyid_d: "527b0a92292b698d48b5342e35f3559ac8d907b0",
  skeyid_a: "4774d40ae869d78283600a94d040da968c092607",
  skeyid_e: "72249116ac5feb3ff690eaeca3df69674e871d12",
  encKey: "72249116ac5feb3ff690eaeca3df6967",
  lastIv: "17ec54fec436369cce4dfffd46370481",
  messageId: 4229313667,
  quickIv: "9e97cafa496fae2f8ee4647f1c9a3808",
  qm1: 
    "b5f29f0fcb5b88a8da6f038bc5215b4708102001fc163483000000bc7b639e61104396f04e79cf9bba5a7e03731c5044" +
    "1e959485f1abfbf91e9c992064cf60e3d2a8213c997d54ef05b429e02dd8207583936b6c6afb5bd6c96f0f1dc3f6f723" +
    "7407808c65ac0162a47b1b3fbed72b1a76580f8e02669e2721a6ce5d03fe755be96e8a02580f4bcdeeb690fd803b918c" +
    "a531e3a3f2572a3647949ba13feb4c5e8d7b11ce7b28db83154f7f805f7e19db3d428c2449989dc663ae0bdf",
  qm2: 
    "b5f29f0fcb5b88a8da6f038bc5215b4708102001fc163483000000bc7b119b84b582b0ff86915fa65da5013c28c310de" +
    "4a412b2e6534edad38c0874cc2326657a9a9a6ed5a8286b61bae50504444b57f7cd53c8cdc610790f910e046dd718503" +
    "24d4d4e3cb8cf3f75e76a8a049f7d01784588975103cd3f3e2d47c2434b2f0d5b194c492285dd89d2959a1cf0e8edbd2" +
    "97d630e40db03e5d3349121323f1b63845ff258ba75c6067da5b8762cfb0a8806e92cb379f177b051339b08b",
  qm3: 
    "b5f29f0fcb5b88a8da6f038bc5215b4708102001fc1634830000003c3fc3afc8a9011ceba0c0a2ea3890b2940466555d" +
    "8ae2df3bdb75bddd755f9dd9",
  hash1: "0e89e7a07dd74940c622712e21caeb47abb3219a",
  hash2: "a6daebe6d87cb47f973db58984f6f4ad12e4fc4a",
  hash3: "bf8a941c746be19d57b939c3da2bcaad6e0145d1",
  initiatorSpi: "b97f870b",
  responderSpi: "c7ee9a30",
  initiatorSeed: 
    "03c7ee9a3075cbb3499634bd8e5998c7aaaf27467e65f8d18869447b8296714798cd218833d9dd36ecdffd7b2f89217c" +
    "91ad5e0636804b1df813c1b7865b0dddcf1328351e",
  responderSeed: 
    "03b97f870b75cbb3499634bd8e5998c7aaaf27467e65f8d18869447b8296714798cd218833d9dd36ecdffd7b2f89217c" +
    "91ad5e0636804b1df813c1b7865b0dddcf1328351e",
  encI: "b694d5fcc74331d72c56b2c0267179bd",
  encR: "488dcb9cf993664468094e15035c9c6d",
  integI: "7d4556b377c9014346b39dee111b1a7deb2d72a7",
  integR: "8c83be01ad4b9b5463f2381bc87b9724d4b8ef0d",
};

export const PFS_GROUP2: StrongswanQuickMode = {
  label: "strongSwan 5.9.8 quick mode, ESP AES-CBC-128 + HMAC-SHA-1, PFS with group 2",
  hash: "sha1",
  cipher: "aes128",
  psk: "cisco123",
  ckyI: "7d2f64c5f61341d3",
  ckyR: "ffbb768515510294",
  skeyid: "727c455b008b33a555e18117aacb6307e050489a",
  skeyid_d: "0474b5a2f33fca9296b0fe97cf54767f573e42b0",
  skeyid_a: "7b12f10034a3784b0421a9182acae293bf6bad41",
  skeyid_e: "730d8678c87a7b8b67448af6199bbe50260cc9b4",
  encKey: "730d8678c87a7b8b67448af6199bbe50",
  lastIv: "ec835d13c3498f9cd7685f02d50e47fd",
  messageId: 246549373,
  quickIv: "4fc6ebc4ddf94f29cfbffca08b1f5b32",
  qm1: 
    "7d2f64c5f61341d3ffbb768515510294081020010eb20b7d0000013ca30e39b2bb89897722a68d057295a26afc6ce003" +
    "f11afd07ae9a586b5e797c64317c491d2466f735cfa98671d5b1cc1d337d5f34c891b72f40339144963d13031a724777" +
    "2b0180b5ebd740c0e8841c927853ed451a882df575e28daf7271dab325617236f658485369deebf2366bce7986639e30" +
    "1e062648d2dea50a373ca09dde187db12ad555e4a25324e12209d13eb4bbb36ea5d6ca7fa440d7c28f44420e921b1a6f" +
    "0e4d4c76a90a41c4f20d18ba118dd0bad6b36d95c6ccc2485e856358a357b80a8a930e1831b5841ddde28d10ed5c3c85" +
    "77b1857ae7f23faed1d2b5b9b4d19f8dde4cd3e569b43a326c0f650817fcd0c9b1e6adfd9500358404aedc5606e0e221" +
    "b2b3543ddce29750b33cfee147bab96605d6d9fef2108d13ac8d5bf1",
  qm2: 
    "7d2f64c5f61341d3ffbb768515510294081020010eb20b7d0000013c25946d109c05143d6cbb773a47883fc5dd2bd934" +
    "eb0d330ee428e631e53aed93647fc9140ecf43432154fc57645176cb5a14b88fcfcfeb4b92def7df31b5cf57ab052c58" +
    "00646f1d59fa023fefeebd45fd94394468ef6a46bede54e381665746fd16f5126e3d2330105190dc6d723990419b5dad" +
    "72bbe60231f9ba8b372e4ef764718143b80e8bcf067320e48caecc5c079ec9d6ee6b574f87d064620426cb4c2c036288" +
    "cb64cb5793e9dafbf413019db42f2c50b878bf43c24a2c01d6700975ef11a587bee7bce81d095c7a1739358d651b940d" +
    "f27dd8468cf2ccb9668a30e4dcaa4f45c89684e56dee9e3690dd58964604004398203c5407ff37b1cf6b1932060d5ddb" +
    "d44b46b4f8f11ff564ff15700fe06c930a9834baf1daec2752902d12",
  qm3: 
    "7d2f64c5f61341d3ffbb768515510294081020010eb20b7d0000003ca40bad85248ab8f013e355688f2183ce3949e1f7" +
    "c38cbe85b1ea4846971b7bc1",
  hash1: "ee442b4e01fcd575da4646f7aaf42207381139f2",
  hash2: "baaab97cb625cbc03e7760753e9cc7752b648bad",
  hash3: "6637dff6a08b7ea93fce5b24709e4b62190636c3",
  pfsGroup: 2,
  gxyQuick: 
    "4698c6bd99ae062d326af9c3a0d2126dfbc00a0a44e153e2e2e9e9cf230209c1204686b46f61a9d65fede0feb8a85666" +
    "67f3c147eebc25619b1b7cb6486ecc1657b04af38b502d0fe6633d8e8dc42008ebe314c7b93165fb328837724b1916bd" +
    "b3b9e8fe7aab6e236daf4fc70e4042bcf2be52fe418e8ef90247418a7626a42a",
  initiatorSpi: "5944ab85",
  responderSpi: "6f01ebb5",
  initiatorSeed: 
    "4698c6bd99ae062d326af9c3a0d2126dfbc00a0a44e153e2e2e9e9cf230209c1204686b46f61a9d65fede0feb8a85666" +
    "67f3c147eebc25619b1b7cb6486ecc1657b04af38b502d0fe6633d8e8dc42008ebe314c7b93165fb328837724b1916bd" +
    "b3b9e8fe7aab6e236daf4fc70e4042bcf2be52fe418e8ef90247418a7626a42a036f01ebb5beb2bcd9c4ee87a01dec0b" +
    "8eacb1742f6d95649d6df1238851f3a453e9f3b621cfcb321e2426bd6c382881394db24a4d79bb16d199fad9abb668ba" +
    "0982b005e4",
  responderSeed: 
    "4698c6bd99ae062d326af9c3a0d2126dfbc00a0a44e153e2e2e9e9cf230209c1204686b46f61a9d65fede0feb8a85666" +
    "67f3c147eebc25619b1b7cb6486ecc1657b04af38b502d0fe6633d8e8dc42008ebe314c7b93165fb328837724b1916bd" +
    "b3b9e8fe7aab6e236daf4fc70e4042bcf2be52fe418e8ef90247418a7626a42a035944ab85beb2bcd9c4ee87a01dec0b" +
    "8eacb1742f6d95649d6df1238851f3a453e9f3b621cfcb321e2426bd6c382881394db24a4d79bb16d199fad9abb668ba" +
    "0982b005e4",
  encI: "1aaf4e8f0e10fa6e2e190b321e49d490",
  encR: "504f0c45cbc5bc72ee3c19c1166ecfcc",
  integI: "ba45ff5e432ace86de57556f11770c15096416de",
  integR: "ed677d38e36754c457ac6517b9febd90a28c5cfc",
};
