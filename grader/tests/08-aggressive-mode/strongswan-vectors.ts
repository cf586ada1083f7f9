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
  readonly charon: {
    readonly gxy: string;
    readonly skeyid: string;
    readonly skeyid_d: string;
    readonly skeyid_a: string;
    readonly skeyid_e: string;
    readonly encKey: string;
    readonly iv: string;
    readonly hashI: string;
    readonly hashR: string;
  };
}

export const STRONGSWAN_PSK = "cisco123";

export const OURS_INITIATOR: AggressiveExchange = {
  label: "our initiator, charon responding",
  ours: "initiator",
  established: "IKE_SA am[1] established between 192.168.12.2[192.168.12.2]...192.168.12.1[192.168.12.1]",
  draws: [
    "ab4e658ced91c949",
    "d87200a67d6ba13d4f3982d086eb3710a17301c38799566663a3cde976c2597d22c14fd06eac0acfcb4fdcdd84a70fc6" +
      "2c0de730183e966cecd8d0b3c2e2362f061e4322570b617d0dce1ebf0883de30d72e794eda51a9b619522ad4f45abde4" +
      "5cead9dc32cf1a8bd32f3d1106c96a39d3007ec472272f1f0979074873c0b34a",
    "a39a3ca944ab6328eb8118834a7d152b94c74ac0",
  ],
  messages: [
    "ab4e658ced91c94900000000000000000110040000000000000001140d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c000400015180040000144a131c81" +
      "070358455c5728f20e95452f0a0000848bc81c9847f6cdc4e05e1f55c9e2a4bca8490e22242de102791cc7fc347c24b9" +
      "03c011af6da49ca3a39d1c635d3bf99cd4914bf1aa05588de35c0b56d456fa51e9ed592be162e0220d273fc11612dd7d" +
      "bd6b0f8504b92ee402d65094d00a72781d81c7ffaea4a9cc086634d54faf69143271740da848c153a737d92309d776ab" +
      "05000018a39a3ca944ab6328eb8118834a7d152b94c74ac00000000c011101f4c0a80c01",
    "ab4e658ced91c949605e42d23792bcc90110040000000000000001880400003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c0004000151800a000084cbc6ba73" +
      "91bcb205a375dda630bea1faf1090e1f3bf221900d86283a1fe01258a7daacf6ec9e3460c873c457e276df32e42ec9e2" +
      "e32d0e2b1c9f1b7a871cf849b1baf2f116a85ab9f163ee695c4cf2e54a5cd505b8317eea35b4aa8d49a9e1121bf7410a" +
      "5837979cd2c4c7aaa4a133ba2d1655806a49baef2cb35a86be725fe105000024ddde0a6556881a55a77ed3b8a80fb364" +
      "94cbccbc687b90de0ec81821ada76b8e0d00000c01000000c0a80c020d00000c09002689dfd6b7120d000014afcad713" +
      "68a1f1c96b8696fc77570100140000144a131c81070358455c5728f20e95452f14000018ebf9a0737b3c8e2841a20786" +
      "0e958cf41f34bbdd080000184f3b3b20b7b2c7865b532293da1a1afeb79e58dc000000188ea8836851ab6513c03e0759" +
      "28c41cbcdc518e1a",
    "ab4e658ced91c949605e42d23792bcc908100401000000000000006cf13e847ecaa9fbf4da64862a86ee42b72572f5bc" +
      "208613a4a1bff852aa240448d4e4bedc3350bae499e509f636733d4283ff74c156700679118fede39e7ba6607fe614c0" +
      "daed5da18da0457be23ff4e8",
  ],
  message3Port: 4500,
  nat: {localBehindNat: false, remoteBehindNat: true},
  lastIv: "7fe614c0daed5da18da0457be23ff4e8",
  charon: {
    gxy:
      "6d1c7b89e38bd4de6f2ed32716a9ca03cf986cafff582bd3b3db3ff387b9b5231c8b172ac35fcfc7d5e0d4d0a6c991f0" +
      "43591deecfd75b4aa16e8547b0ce631fcb378c3127f66dea3584eb27558ed3c8153ea158b743ae20f803233bb42a6046" +
      "12feeb54c1ebea4e000ccd94e575fc8a078853ee5ec2002d7ed7b85b27792919",
    skeyid:
      "dfea39a18cffd20294bc53d78561aa0d03f857f8",
    skeyid_d:
      "6d5fc23ce0d11e8eb5b1dfc90c9dc823aae91a8c",
    skeyid_a:
      "b7f550b1daf8509c8b4814d70518e75c1cc563f4",
    skeyid_e:
      "3fdf6a42c6bcf57a7602778204c708835afed20c",
    encKey:
      "3fdf6a42c6bcf57a7602778204c70883",
    iv:
      "e9b0fde629a8787d2681724f3a2d6841",
    hashI:
      "e7cc6f2585a30d9a06f4a6fdc07c7eb50e425981",
    hashR:
      "8ea8836851ab6513c03e075928c41cbcdc518e1a",
  },
};

export const OURS_RESPONDER: AggressiveExchange = {
  label: "charon initiating, our responder",
  ours: "responder",
  established: "IKE_SA am[1] established between 192.168.12.1[192.168.12.1]...192.168.12.2[192.168.12.2]",
  draws: [
    "0d6ec014c13446ee",
    "3105f3893143c05f9d1f70744e97afc70376d08eaeddf9476b1f689a8833bc126ecf19a901bdfdd295151b9794fe659d" +
      "3361c78b5b3ca9a6d03558f24c76839c7f6afb0ea0e6ecea6144d3da80a60edd943dffc2e02ab5d96f01418cf721d719" +
      "39b8c1eacb84c665e9c8413fdef4d775f9efde6cf2926d7c0f01ff5e017ea342",
    "230913effeef483202824bb6454bdeba3f6fc891",
  ],
  messages: [
    "3a27fd35faf9a07c000000000000000001100400000000000000016c0400003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c0004000151800a00008481a255f4" +
      "f923da0fb429994c67d5c77c065d9e110e6769bc973e9624850cccae8957f02b14aeaed097e2b7d9a4feb5ce0ba719aa" +
      "898f2ac661584103c45ca1acd1e3dc36085bd1c9728ebe07178159d1f97168800b05526d08b3fa7496eecd82e33cc1f5" +
      "2f72ef235ee7ddcf56a0a1ddba87f4338c4f8772737d0c37d11657740500002405c1364c66a51000c7c4662aafb9fef3" +
      "2c90f714dad3e7be84fff4c9eaa3f05a0d00000c01000000c0a80c010d00000c09002689dfd6b7120d000014afcad713" +
      "68a1f1c96b8696fc775701000d0000184048b7d56ebce88525e7de7f00d6c2d3800000000d0000144a131c8107035845" +
      "5c5728f20e95452f0000001490cb80913ebb696e086381b5ec427b1f",
    "3a27fd35faf9a07c0d6ec014c13446ee01100400000000000000015c0d00003c00000001000000010000003001010001" +
      "000000280101000080010007800e0080800200028004000280030001800b0001000c000400015180040000144a131c81" +
      "070358455c5728f20e95452f05000084a6e83a21cf6c4ee7ffd280f2181e95f0f952dbe063f341f6eeedcfa56e51c45b" +
      "4bd55f4322bf66676c7509d2cce57294151cf6eaf757b89a61812b174e664f2ec966e702cfb0b47760bd0fbec25d6ca9" +
      "ae97e1ec22dd25c2175481d9445b948ab3222bc03be748eb16665954e0405cc471fa0f5261b339d03d11bf5479bc7978" +
      "0a00000c011101f4c0a80c0208000018230913effeef483202824bb6454bdeba3f6fc89114000018a1da498caccf930a" +
      "dace9eb35187db2bb457af60140000186d2e4e9f72870bca7d0f0ae1f31eabd7c4fff637000000182f979d5a046ac3ef" +
      "8e790c751ec373445851e08f",
    "3a27fd35faf9a07c0d6ec014c13446ee08100401000000000000006c82864fb6bf0b60fe4d32e9383b8592dadca9d399" +
      "24f93ba4df108a65eb14ccbddc8107c50638cf664bb91c4d650d81994ba934d687227f3fd25ab74de880d8901e0aef2c" +
      "1efdcfe9ecf36a24d1e76294",
  ],
  message3Port: 4500,
  nat: {localBehindNat: false, remoteBehindNat: true},
  lastIv: "1e0aef2c1efdcfe9ecf36a24d1e76294",
  charon: {
    gxy:
      "f32118aa802ae96145609c533f2521a9bcf84535461a99638c31f57505c6243e109fad424d1b66f1be0453682ce24fc0" +
      "074dbf9cf471e9451d3eaae2598017741329e56d8cdf4eb5d92f272c910265787beebdd292061b71081d1c5f5cbc730b" +
      "e5b395682d6d48c8ec29705b316dc3450f4f68082d8ab4faf9bf99e60d33e737",
    skeyid:
      "5be56eec550f43aaf4cac6f58139a822654db88f",
    skeyid_d:
      "a682a923eff8292f945253e48c5169fd845d3570",
    skeyid_a:
      "df83568ea18ff225183aef354cafbc7e84ec5aff",
    skeyid_e:
      "e4ef3ccd81c36345db6b6aa88b82f795a7d669c2",
    encKey:
      "e4ef3ccd81c36345db6b6aa88b82f795",
    iv:
      "b80f1fc46296211546845bf72e545b66",
    hashI:
      "7f0b599703929eb134a9aa7af4b596f769aaed4b",
    hashR:
      "a1da498caccf930adace9eb35187db2bb457af60",
  },
};

export const STRONGSWAN_AGGRESSIVE: readonly AggressiveExchange[] = [OURS_INITIATOR, OURS_RESPONDER];
