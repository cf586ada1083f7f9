/**
 * Aggressive mode between the course's reference solution and strongSwan
 * 5.9.8 (charon), recorded by grader/interop/record-aggressive-mode.ts in two
 * network namespaces, 192.168.12.1 (initiator) and 192.168.12.2: the seed's
 * proposal (AES-CBC-128, SHA, group 2, pre-shared key, 86400 s), pre-shared
 * key "cisco123", NAT traversal on both sides, no other vendor IDs
 * on our side, 20-octet nonces on our side (charon sends 32), our identity
 * ID_IPV4_ADDR with protocol 17 and port 500 (charon's: protocol 0, port 0).
 *
 * In both recordings charon logged the IKE SA as established (`established`):
 * it accepted our message 2 (HASH_R) or our message 3 (HASH_I, encrypted).
 * `draws` are the random octets our side took, in order: cookie (8),
 * Diffie-Hellman private value (128), nonce (20). `messages` are messages
 * 1 to 3 as ISAKMP octets (message 3 travelled to UDP `message3Port`, after
 * the non-ESP marker on 4500, which is not part of it). `charon` is what
 * charon printed at log level 4: g^xy, SKEYID, SKEYID_d/a/e, the encryption
 * key, the first IV, HASH_I and HASH_R. `nat` and `lastIv` are what our
 * side concluded.
 *
 * charon with kernel-libipsec fakes its own NAT-D hash to force UDP
 * encapsulation, so our side sees the peer "behind a NAT" and the initiator
 * sends message 3 to UDP 4500.
 */
import type { CharonAuthHashes, CharonPhase1Keys } from "../vectors/charon-keys.ts";

export interface AggressiveExchange {
  readonly label: string;
  /** The role the reference solution played; charon played the other. */
  readonly ours: "initiator" | "responder";
  readonly established: string;
  readonly draws: readonly string[];
  readonly messages: readonly [string, string, string];
  readonly message3Port: number;
  readonly nat: { readonly localBehindNat: boolean; readonly remoteBehindNat: boolean };
  readonly lastIv: string;
  readonly charon: CharonPhase1Keys & CharonAuthHashes;
}

export const STRONGSWAN_PSK = "cisco123";

export const OURS_INITIATOR: AggressiveExchange = {
  label: "our initiator, charon responding",
  ours: "initiator",
  established: "IKE_SA am[1] established between 192.168.12.2[192.168.12.2]...192.168.12.1[192.168.12.1]",
  draws: [
    "1c06efb9a0d85091",
    "13ea1985ee90928582ed98584edd15ce73121ca48089791be45bffb809167d46e139c940435003af3813d16f847ac76d" +
      "10afe07caf33722b78803485804ae4ab4f38184a882b5f635dab47e3ba6db09d7b4b26f6db2bbc5781461aaf9d467890" +
      "b77987e8af3ccbd61ec3b379ff94f98026f6f59b7ebec2cba85afffc8e6ec849",
    "b9073969382fb09aa5d6d3f7367d5190473ffb79",
  ],
  messages: [
    "1c06efb9a0d8509100000000000000000110040000000000000001140d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c000400015180040000144a131c81" +
      "070358455c5728f20e95452f0a00008453eaf02719aca8b2a9f118e69cb7bc77f35ec26a0cc0e108542fa437a1e00796" +
      "58e713507c06d8ee29d653a7338d16ea6740a0696a1e907e53bcee448547cc61e07a62a50ab57266db060333d22bb8d6" +
      "5407210b47077f8d89c245117f10bd0771e151a1c183fef09d134e753ab16b36d051bd0c083d56a523bac5c63f03bc52" +
      "05000018b9073969382fb09aa5d6d3f7367d5190473ffb790000000c011101f4c0a80c01",
    "1c06efb9a0d850919e6f4e07e981708f0110040000000000000001880400003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c0004000151800a0000841e18a6da" +
      "7ed7145e6790867bb7265eb2403b4744ce3159d9250db765bf7e31b12ab519cfeb188e096f23df383c9c4d0003bbb7a0" +
      "85b89409c7fa3e6bbe3e67906230d02db1e66eb69ada8f56d9ffa76eff5f3a0874bf69a9ccff042c345d418576ca685c" +
      "40d624d0ccbaae6a7439ebba80ca0cfc0c3bde139fccb7b3bd8565ae0500002430da29e8b9071c1cd5c2d7b305bbeadf" +
      "79bead0faa6317021e693b4f9a10b5270d00000c01000000c0a80c020d00000c09002689dfd6b7120d000014afcad713" +
      "68a1f1c96b8696fc77570100140000144a131c81070358455c5728f20e95452f140000186ccb45abeec7a191424657c2" +
      "ebd59beecbe8898a08000018daf1ad11132c91a728e52de1729cf6c6ac4e015f00000018f35d375c7b6bcfd5579b906a" +
      "f2173d929dcb7fd8",
    "1c06efb9a0d850919e6f4e07e981708f08100401000000000000006cebbb6da60959b63aa26a038a5e200f4f521403d4" +
      "20eda5eb0d2664f691038376c73dcedf1e47ca5884fda940fb45cd0f642a24d05987431bfebf83e1972066db81550dd8" +
      "d5eb84a0294329c30594f26a",
  ],
  message3Port: 4500,
  nat: {localBehindNat: false, remoteBehindNat: true},
  lastIv: "81550dd8d5eb84a0294329c30594f26a",
  charon: {
    gxy:
      "a48029a29c152dc04739e7760a5125dd221a0ce6f1db7f5ac776554dad872a3fadba20cb4e0aced6ae56edf65c79f3d6" +
      "2a012d97f6fd058fcd963245c1575232b6aede29f5d692743436172d0629b34c532d5fe5fb13e354eb6220e4905b9655" +
      "0dba1580f8bf87cc99083943e63cbd70f47145ae416950ff1a1db70e19652c22",
    skeyid:
      "fc7f8aa635ae7f20eb4c141f7f3ad3cc8277a321",
    skeyid_d:
      "eb0298053af33dd988d11805219ff11546fe33a4",
    skeyid_a:
      "4449aab9efb3bf6fe3d54abfe09f5a4532d4d64f",
    skeyid_e:
      "6b196322648591896f4c01ae8419bb56cf1abfc0",
    encKey:
      "6b196322648591896f4c01ae8419bb56",
    iv:
      "d4f150a2179305976d6f2d8c9cae9090",
    hashI:
      "98ab2acdda8ca246c048f5c0c4646a8e9986a3d4",
    hashR:
      "f35d375c7b6bcfd5579b906af2173d929dcb7fd8",
  },
};

export const OURS_RESPONDER: AggressiveExchange = {
  label: "charon initiating, our responder",
  ours: "responder",
  established: "IKE_SA am[1] established between 192.168.12.1[192.168.12.1]...192.168.12.2[192.168.12.2]",
  draws: [
    "1cf0d6a6bcb659d2",
    "0cd4d5e639116301a9436dfe64ed5abf8169d4aef750f68f9579e24ae7cee49f3347d9b96a6e6c8f3699421a7fc7ccf4" +
      "78d69bab99f75554212692ccd8350665f8ccdcefc7375a618de5860f0188c4ad7ae34ff81a07bf8c20916385ce870dd7" +
      "3a1d7fb4d5c9afabe8e5d9d8e46b5754ed0fb82a3865004aeac7e359a4097e61",
    "da16b2859582713fadceb59443db35b08d6a1679",
  ],
  messages: [
    "cd06ba194c619d65000000000000000001100400000000000000016c0400003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c0004000151800a0000848490f50d" +
      "fa5ad70a5caccf3e90d968438d90a3f4020995b0ee61c54998f676ad5b25e97df95e2df2204218aeda9a6f7388d251ff" +
      "19df405da2b85f52de7f186b0490e056965e16bf39b5203862ee88036bef92a7631204e808719090737884c9a0fce724" +
      "84a0883d8ac02edf5511a9fbcdd222995fb08b397e4d936ddfbc40fa05000024cea1b410dfcc0b42595c7682b064e587" +
      "088a984095b6fe1c461da396c2e30c6e0d00000c01000000c0a80c010d00000c09002689dfd6b7120d000014afcad713" +
      "68a1f1c96b8696fc775701000d0000184048b7d56ebce88525e7de7f00d6c2d3800000000d0000144a131c8107035845" +
      "5c5728f20e95452f0000001490cb80913ebb696e086381b5ec427b1f",
    "cd06ba194c619d651cf0d6a6bcb659d201100400000000000000015c0d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c000400015180040000144a131c81" +
      "070358455c5728f20e95452f05000084b8b0d3fd8c26da4d1df5b379b5a658301ef88152c7b1d2fdd1e7846dcab35cc8" +
      "1abb55d8b12ffeb8b5c9635e571d94ffdfef2b54885155b070a4db5a6d017925c15dc6be327eaba7dea1e2329e7115aa" +
      "b618b632276080c3de888110a8a58f2a6749a597563a62e2f6fb4b326da0e7534b629abfec9fec49e29877cc20aa59b2" +
      "0a00000c011101f4c0a80c0208000018da16b2859582713fadceb59443db35b08d6a167914000018a29e2a553a170964" +
      "fd7cc9f61a5cd1b12ff3f102140000180302f9fdc0c50d2529a3d26a3d193fb4305d83ea00000018f6a4a8f914f3c3d3" +
      "f0d42c3fa12cf2ae124c4de3",
    "cd06ba194c619d651cf0d6a6bcb659d208100401000000000000006c64e3c6d8efd3209d7790b6a0831e6b6d7c2e7004" +
      "6d97caceac78feb7a7696a40eb342d66ad76d8a134367a7d365d01fa93ec6be82b10b4af8e8687a7b107184f70d6e1b1" +
      "96598b565782050f1ed88d07",
  ],
  message3Port: 4500,
  nat: {localBehindNat: false, remoteBehindNat: true},
  lastIv: "70d6e1b196598b565782050f1ed88d07",
  charon: {
    gxy:
      "308692143bea359173bf5c1972c02515807ea82a7a9b32fe87305ef6423c94cee541de345a5278aceb5b2889a6e7def2" +
      "32b94c8133a022c92a43f8738005bdbb1509c616450800ad49cb78c62f61c2de6b4fe7dd124d3bf663bbc986a3cc9360" +
      "62d1cf6d9639abe4e692b2245579a0649f34295127061db71c28eb74e6f15100",
    skeyid:
      "f664feced79cfc6729fca467e8d6cd64a608c439",
    skeyid_d:
      "18f6dd915da6c2a04613519ac7b9b3f897ab9c58",
    skeyid_a:
      "3aa5d665c8a994122adce68ee07622105fc421ce",
    skeyid_e:
      "32e59160eecb0f389e339b8eb4b5ce350385408d",
    encKey:
      "32e59160eecb0f389e339b8eb4b5ce35",
    iv:
      "14b6999fc0ced4f74add11e936cb49e9",
    hashI:
      "8b54e20bdc11d804711f1e7c4b0f5ecbbdb3e151",
    hashR:
      "a29e2a553a170964fd7cc9f61a5cd1b12ff3f102",
  },
};

export const STRONGSWAN_AGGRESSIVE: readonly AggressiveExchange[] = [OURS_INITIATOR, OURS_RESPONDER];
