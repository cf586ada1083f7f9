# node-gyp's build description for the TUN addon: one C file, no C++.
# capstone/tun/build.mjs runs it at `npm install`; the result is build/Release/tun.node.
{
  "targets": [
    {
      "target_name": "tun",
      "sources": ["tun.c"],
      "cflags": ["-std=c11", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8", "_GNU_SOURCE"]
    }
  ]
}
