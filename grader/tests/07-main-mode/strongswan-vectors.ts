/**
 * Main mode messages 1 to 4 between the course's reference solution and
 * strongSwan 5.9.8 (charon), recorded by grader/interop/record-main-mode.ts in
 * two network namespaces: 192.168.12.1 and 192.168.12.2, UDP 500, the seed's
 * proposal (AES-CBC-128, SHA, group 2, pre-shared key, 86400 s), pre-shared
 * key "cisco123", NAT traversal on both sides, no other vendor IDs on
 * our side, 20-octet nonces on our side (charon sends 32).
 *
 * `draws` are the random octets our side took, in order: the cookie (8),
 * the Diffie-Hellman private value (128), the nonce (20). `messages` are the
 * four ISAKMP messages as they travelled (ours and charon's). `charon` is
 * what charon printed at log level 4 after message 3 or 4: its g^xy, SKEYID,
 * SKEYID_d/a/e, encryption key and first IV. When we were the responder,
 * charon answered our message 4 with message 5 (`message5`, encrypted with
 * those keys, sent to UDP 4500; the non-ESP marker is not part of it).
 *
 * charon runs with kernel-libipsec, which makes it fake its own NAT-D hash
 * ("faking NAT situation to enforce UDP encapsulation"): its NAT-D payload
 * for itself never matches, so our side concludes the peer is behind a NAT.
 */
export interface HalfMainMode {
  readonly label: string;
  /** The role the reference solution played; charon played the other. */
  readonly ours: "initiator" | "responder";
  readonly draws: readonly string[];
  readonly messages: readonly [string, string, string, string];
  readonly message5?: string;
  readonly charon: {
    readonly gxy: string;
    readonly skeyid: string;
    readonly skeyid_d: string;
    readonly skeyid_a: string;
    readonly skeyid_e: string;
    readonly encKey: string;
    readonly iv: string;
  };
}

export const STRONGSWAN_PSK = "cisco123";

export const OURS_INITIATOR: HalfMainMode = {
  label: "our initiator, charon responding",
  ours: "initiator",
  draws: [
    "9cc552b875f55b14",
    "d165242570cbc17eb9eee35054c782ba3e5f855615c37f1a57261105eb0d5247b2ecfe978c5a4c73abe680cefc14a74e" +
      "930ef33ab7971f10b8aa10257b6c072c40bd32f706095e644ac4c482bac67f44225dea296b2c05e653d7ee99d5a262d2" +
      "d642564d99c574b85898b1d24d71955ed0f5053dd843cafefd83abd54dac2d63",
    "b03f022721634125d7f44a8908f10bd8479705f8",
  ],
  messages: [
    "9cc552b875f55b14000000000000000001100200000000000000006c0d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c000400015180000000144a131c81" +
      "070358455c5728f20e95452f",
    "9cc552b875f55b14d2e8bfa45bf1b73601100200000000000000008c0d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c0004000151800d00000c09002689" +
      "dfd6b7120d000014afcad71368a1f1c96b8696fc77570100000000144a131c81070358455c5728f20e95452f",
    "9cc552b875f55b14d2e8bfa45bf1b7360410020000000000000000e80a000084a8ca3ad6c75a892be3aea837fe7fcb7e" +
      "54a504fcff9d7ccf663c0195bc2df2292a7607b2934bbbe975fd7696f3ec626838b5da19284c00bcffb9920b7f1b3820" +
      "e8cae1bdfec7c424f3bdb3983e69653fe7d4441f3e0651cc41d8bb7ad51f644f6d2549cecaef686cf1f9ee7668e2573c" +
      "b8797db03fb65189b15d7ea81ca7926914000018b03f022721634125d7f44a8908f10bd8479705f8140000186c2d8ef4" +
      "22e30b8435f45c261ee02ba91d7e1a29000000186027eed99886d1cf8ad471829ff3aa0b2518529b",
    "9cc552b875f55b14d2e8bfa45bf1b7360410020000000000000000f40a0000840cde913fe02e6f517aac9fb857a49ab1" +
      "6621afa98779943232e410db1dd4cb9ed098603f5607fe1f9cd28442ea54ad658f4ae3c9cf3c4322b930969b5a5c2c5d" +
      "dc368c7126a363c6bcd03c4947545fdbf72f69e07c68ff04e911d48284b9a97e0f2a5e3a1bc23c23a053935a5f56ed41" +
      "42a9db06198e03093e254929ab3059d414000024028f7683716dc8b5b5870d91139cbad97abf22a351667f16de2268e4" +
      "397e6061140000186027eed99886d1cf8ad471829ff3aa0b2518529b00000018123307e19ec12d2faed4d97603fa5003" +
      "5829e514",
  ],
  charon: {
    gxy:
      "71de5be0cd5b4641f55402d2c4b3787ecc46ca0f707e8617b834577744d5ef5132e71787b06824007952b9cda63b4db1" +
      "a027ba69c62c023946b2be89637baeac5e05545b8120947ff5a7219b195fdc8cf5d4c51be95b5edb32ad024ec4b44e88" +
      "2a46c886ff850ce6e61d85ee8381cb1d48bfa3f2f662490b77badbbbb8dff4a9",
    skeyid:
      "20464b55c9225fa8004d9169e1a5aba306b9c030",
    skeyid_d:
      "9a406c5d45986dfde6363ec978f19f6f193dcf09",
    skeyid_a:
      "e33891f7d7c7aa21d6ab1582a6f5d179671e2d7c",
    skeyid_e:
      "d37668335875f33b038ff69a98d484b07e46db48",
    encKey:
      "d37668335875f33b038ff69a98d484b0",
    iv:
      "8687bb62d5335dd720c11172e29a1203",
  },
};

export const OURS_RESPONDER: HalfMainMode = {
  label: "charon initiating, our responder",
  ours: "responder",
  draws: [
    "48b77cfc555e0ab5",
    "fa505f4f9a171fd84349590fc68741bb0ceca429e73201723cc105e4511989e5f3459d7da79d540866408491598229be" +
      "c1a554ebb0b15dffdf997623cdf3e2537709e193b841eacac0a6feadc4077f1c9318d71642ba2a70ea5503e045153e4c" +
      "8c00cced389120458bd865bf8dccf12bd4830c4060105aa7984a995cf30c1e01",
    "ec474b41c4d2b6e38aacf901b10fc121e490ef14",
  ],
  messages: [
    "19f49521f7ff90bf00000000000000000110020000000000000000b80d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c0004000151800d00000c09002689" +
      "dfd6b7120d000014afcad71368a1f1c96b8696fc775701000d0000184048b7d56ebce88525e7de7f00d6c2d380000000" +
      "0d0000144a131c81070358455c5728f20e95452f0000001490cb80913ebb696e086381b5ec427b1f",
    "19f49521f7ff90bf48b77cfc555e0ab501100200000000000000006c0d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c000400015180000000144a131c81" +
      "070358455c5728f20e95452f",
    "19f49521f7ff90bf48b77cfc555e0ab50410020000000000000000f40a000084c931e74d201fe9c011adf7291ec40932" +
      "1e4e7e46aac0d20e615d856f2fa64906fc23e4c3931a3a064c5e40b1df192099ef8c8ffdc8497d5bc5b933e43d5edcc8" +
      "5b6a60714d73fa7c2d2470c9e46f6af07d38b3817a1b4ec10af46f7f551087a89fe0f8e4592b8e37715d33d5ab47048c" +
      "813801e66183a47e3b3fe6f2bb4793a41400002490692dc1565b6a589b7bae021954dfb7c9f9f9471ab11b9f8502f7b5" +
      "690d427f14000018c01225d10622d0619384d9848f6930e7188250cf000000186460c124dc7bdd778abf274708668578" +
      "c9e27ab8",
    "19f49521f7ff90bf48b77cfc555e0ab50410020000000000000000e80a00008455bc241a88d46a40afa9a773df8b2ab4" +
      "7cb85aae421eb8baf7440e42ba9a3d1a901a7ed2b33b85f9a3a64c75c41b69c48d66108594aadc3744bbd0d545175bc2" +
      "ad9fbc594bd6cae44831f4c205cf064ea08b60d5b569a852296877d3d76690297ef8a5909e2a1ea9a8458028a0c7fac4" +
      "dd7638059c5057331856852159f11ba314000018ec474b41c4d2b6e38aacf901b10fc121e490ef1414000018edbce306" +
      "40ddcf531c1d986cd14efeb414ce392d00000018c01225d10622d0619384d9848f6930e7188250cf",
  ],
  message5:
    "19f49521f7ff90bf48b77cfc555e0ab505100201000000000000006c50a73188a59b218847c72d8162ef0e02a9ae9d3c" +
    "31a7c2b413dcf87a919c2d511686e7c19c6cf13cb48cf921ff8a93d71452f0bdacdac852d44d3a0f8fa530ee77d084ae" +
    "86d3daba966c8dc43af6e9a5",
  charon: {
    gxy:
      "529b92ed8360421a5cf1585262596373a29f3a47c951664bc723cb34f114d493fedca38076d410b4751fe4dde0f4717c" +
      "34090afa609b8ce85714ceb9788183ed4d249a55f1b01245c72da68223815fa2b8df3fe993a9609569b22bdca6e664b0" +
      "8836f88bf6ca84c2da9cfc749a7fb26f7be501dba3f5477eea03fbda657d56ac",
    skeyid:
      "39e825ce9f829f2636011a30020f1c3725f93d8f",
    skeyid_d:
      "00e01ec91cd1955b7bf91b86551042ebdddf83b5",
    skeyid_a:
      "9c5f32415fdb1db2eb2e85830d94fa8cbf3f230a",
    skeyid_e:
      "682299afa1eb52dfad5bbd9655386f4de9da78ac",
    encKey:
      "682299afa1eb52dfad5bbd9655386f4d",
    iv:
      "3930fea560a4aa55bf901b651acc519c",
  },
};

export const STRONGSWAN_HALF_EXCHANGES: readonly HalfMainMode[] = [OURS_INITIATOR, OURS_RESPONDER];
