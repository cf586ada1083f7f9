/**
 * Two IKEv1 main mode exchanges between two strongSwan 5.9.8 daemons (charon),
 * run by the interop suite (grader/interop/strongswan-phase1.test.ts) in two
 * network namespaces, 192.168.12.1 (initiator) and 192.168.12.2 (responder),
 * pre-shared key "cisco123", ID_IPV4_ADDR identities.
 *
 * Cookies, SA body, public values, nonces and the encrypted bodies of
 * messages 5 and 6 were read from the capture (messages 5 and 6 travelled on
 * UDP 4500 after the non-ESP marker, which is not part of them). g^xy, SKEYID,
 * SKEYID_d/a/e, the encryption key, the IVs and HASH_I/HASH_R are what charon
 * printed at log level 4: values a real implementation computed, not ours.
 */
import type { CharonAuthHashes, CharonPhase1Keys } from "../vectors/charon-keys.ts";

/** With what charon logged (CharonPhase1Keys, CharonAuthHashes). */
export interface StrongswanExchange extends CharonPhase1Keys, CharonAuthHashes {
  readonly label: string;
  readonly hash: "sha1" | "sha256";
  readonly cipher: "aes128" | "aes256";
  readonly group: number;
  readonly psk: string;
  /** Payload bodies and header fields from the capture, as hex. */
  readonly ckyI: string;
  readonly ckyR: string;
  readonly saiB: string;
  readonly gxi: string;
  readonly gxr: string;
  readonly ni: string;
  readonly nr: string;
  /** Encrypted bodies (after the 28-octet header) from the capture. */
  readonly message5: string;
  readonly message6: string;
  /** The quick mode that followed, and the first IV charon used for it. */
  readonly quickModeMessageId: number;
  readonly quickModeIv: string;
}

export const AES128_SHA1_MODP1024: StrongswanExchange = {
  label: "strongSwan 5.9.8, the seed proposal (AES-CBC-128, SHA-1, group 2)",
  hash: "sha1",
  cipher: "aes128",
  group: 2,
  psk: "cisco123",
  ckyI: "530762b2a413ff7a",
  ckyR: "410fef117cb5db52",
  saiB:
      "00000001000000010000003001010001000000280101000080010007800e0080800200028004000280030001800b0001" +
      "000c000400015180",
  gxi:
      "8735579c5e75d9661c75fab5941dd58fe521d66b087a8733a991f5eca1077366103879b95d63d9763fd6c3b0b556af7f" +
      "b945b8e4028abf380c4463e7a61cdd9bbc6b33b4c920150d2067a62e13d50c3a439fedf247c099c80cb5b9402e4d94ca" +
      "9eb569f5a0ddd882420a58e2a8f1cf58e363c76188bd48b0be1f30144c1e9fc4",
  gxr:
      "0169010499d7c2d92e06368c63e6a387730a01cfc9861fd4f4ad6e654d1d85071cfa14d74ddb89a15671f6291d82d0dd" +
      "196deabbe2d6a9bd5de32cdc43f5bda98d13caaa05b3b3bd303493337ebc03a22653e7fd010b99e79eb2f3cb69783bc6" +
      "8faa7a2cdeb0e0fb15db1f20c3baca83673d8be6449fc5e1e09e2c174fd6225d",
  ni: "86d1fd2b5dcfd47a67335593f6a847549dec4654e77c405e72a4cc10c1fb0496",
  nr: "3ee83f0e75c9c1ffd228ac10b2c71bb78cae08d2a3186bd295be326c41bd732a",
  gxy:
      "b684179e91f3b6f340a7e7a8972d30f7d0bcd9421b64573b1ddc428225e7738287682bb72e4cc447dc054d256724e2ea" +
      "4bae47cfcc2be391cb3aba0c740b12e44ad1a1e1b4a00c327f3efd9a8c9d422756a80958a6e1a4b2f9f5d5baea1cf7b4" +
      "8499a7502fa9360f388937a8def1538fe03a382dc662ccf25e2c92ac4f0779cf",
  skeyid: "0edaa8cd3052b8db13336c2b2a752480b913569f",
  skeyid_d: "6988020ee09e759ba0182abd42613bdcf2d906f3",
  skeyid_a: "8367e31c9c99e3b53e70b7eed3bb852d9e019399",
  skeyid_e: "af94afe7fc1ce321d54734b6d8a93eaee2c4d431",
  encKey: "af94afe7fc1ce321d54734b6d8a93eae",
  iv: "0b76df3ef0ef232c6115498a4803b34b",
  hashI: "cdd83a523a4c63dda9be47ded6d56f3d7d2b2f13",
  hashR: "bbc1652c645b20455deaf32d3885c45a5d926d99",
  message5:
      "13e5b3313617cbf50f167ac6a9ea839fbe4ea3241c193ff983bcd8bc8e2bf32249b344d61526c85e9f40971ac4185b03" +
      "65c5233030a4173e98b4b9a38c2bff373f6c7b0bdd94d4a02a155f88b7e0f914",
  message6: "c66b97136cffb1a33e2f907a0332179f0829b811216cb8a3bd95e6298a73c9000daa1a9eb0db17569363e6e3f3a257bd",
  quickModeMessageId: 0xcfb53099,
  quickModeIv: "8edf22ef1cd37088a77724176fb537fe",
};

export const AES256_SHA256_MODP2048: StrongswanExchange = {
  label: "strongSwan 5.9.8, AES-CBC-256, SHA2-256, group 14",
  hash: "sha256",
  cipher: "aes256",
  group: 14,
  psk: "cisco123",
  ckyI: "1efb7332adb2f87a",
  ckyR: "bc165f8c7126ae90",
  saiB:
      "00000001000000010000003001010001000000280101000080010007800e0100800200048004000e80030001800b0001" +
      "000c000400015180",
  gxi:
      "0c3dc83fe86ce19e1eecf2ddabfac031f7494502d9f76d6eb5fcad2d0d3a7dbba98a08953109d931bd9673f0f6604dfa" +
      "5612864884fd37bed7c9503310a3f966428b7bfbef4b677b018286c0b211b469d64a581c5b3f7bcd78265e69c37d8c54" +
      "4ead551a5d68e7c7f7841537de4c81aa51721c0446b8c3f70d4cb431843778ab80faab822fad2a02fdf5d5f26b229ec4" +
      "facc8fdcd3daec8c42245e64f4fcc6ac5ae510eb09b1ee65002f906613a7aadd89ca95dee7255301830ade24cfa80835" +
      "cb96aa81e1cf376c1d683cb03b78e8a2305edd2e01f504949e661b4d5edc6a0503b4358e211f925d8ac18b5bf7e1234e" +
      "6465110bcc4e6187fb5ed4d42e657bed",
  gxr:
      "9970fdbc679b2393a91e58a683169aa8b01fad9f3dfc4e0f6a6ad7432e4eed16caa50b5c873cc2e6e3a4aa22445e6f47" +
      "b8fc09b7886ad7ffb111143eee8715481631d0557f785b3b0659139d894b4dbfb688d974fff55ca846e5d832cb394ef7" +
      "d30dc20eb5e9eb214184988babbe22dfe3b8b7cfb26d80ab029d2fd3515e5330dad247e725f3ade79ade8b7c6b935272" +
      "ae3e5a92164f6ca9d5d84310f1e20ec75b1d09299eeca74c4c44196b0ea7ff13f6f6f4e74b87e115b679d5900dd9fdc5" +
      "69ff06da5b805dc1f9fb9d3e9265ce5bd03f1b93b2eac8d6aa7bc38fb53da39423148b7d768bfd19d6c3bfea3d0d54fd" +
      "c5948060404926f4c4c08f3e880ecb11",
  ni: "3b29479296c9b53da796b9436be2df653d71b7e090c4b7fe85974564d4e7fc96",
  nr: "1f60fdae2419561f7434c33c99e07c22717d4bccc5bcc82e111c85f4d53ab864",
  gxy:
      "06d4966f594fd1360ddc4656a53ba5a3325e5825bd7bb3acd64140d104185bd7e56f0428556a0be595de8394460a6b13" +
      "0db1d9ccc79fc9d01fce5efe257df7cc80444f1ae0def7cd0577d1c1e79d84b8c953891f55b0bfff6e6ed150de4b3e21" +
      "4de17c6584bf4c69c5dce6145536c2528c37fbc7f9fec8e6106066cec7876fa129244377bd8856b7471eb34bbaab13c2" +
      "71fffcaf2c72e9a0f09e2bd6d99cf4fc64e05c12707ed54c9f84642f5fc493266993300f79a3e3f3f857953cb2594568" +
      "0b99b929e1e3ef986ec7dcbef7660f1f61add61dd57a02d0e336db8bf298dc98d08ff4fe7e69381bb0c42b8bbf9b521d" +
      "c6b829f5289b7dabd30050552cd4552e",
  skeyid: "229566d55d48148e5a91982469240c54ec6523fd1cad5e7b43c93061e8ae0946",
  skeyid_d: "d87ef38d4f23a55c260966b663fb5d479833c7329f169af1cb37e155850be1e1",
  skeyid_a: "6f326b629a96e16c9722be90ea1c7c7e6a9a02f1a3106647702ae49cc6c873d8",
  skeyid_e: "029424b6ba195201253dda603a9b48c99e24c9b7473cc90704f0adf1785b6dc3",
  encKey: "029424b6ba195201253dda603a9b48c99e24c9b7473cc90704f0adf1785b6dc3",
  iv: "b7ff7838d490ba20fb8b6a776a50c46c",
  hashI: "74feab6a6f406116c5e9a40cde88732c98a2dad7c196bf702cc8d636172444a1",
  hashR: "92f5dec97a0bb95b05a24d8aa1d8180cb54ca555a55b36e3afb1d2417a8b9f6c",
  message5:
      "e771ac1d7ca4ecd09d62050678eba9c254b18e51450abef5f06575cc1b89c07e06b18d3af78d73eeb4db81dc86a74347" +
      "d527f7332bcfad9a0f37571d370a060449e705140d727cd8876f840612a5f1ba",
  message6:
      "dd75fb9489e2a7955af1288716d7014d2902b1e9cfea44998a9ff03d86cfd63ac6b38c3966091d56a74ecb140af47db1" +
      "92fe01665efc95b6350abc0645b2c665",
  quickModeMessageId: 0xd8724eb2,
  quickModeIv: "6efd0bdc98700456bf25582c0bde8d31",
};

export const STRONGSWAN_EXCHANGES: readonly StrongswanExchange[] = [AES128_SHA1_MODP1024, AES256_SHA256_MODP2048];
