// The Worker of the workerd run under the `nodejs_compat` flag: the contenders of
// workerd-worker.js, and those that the flag makes possible. Bundled on its own, since a static
// `import "node:crypto"` stops a Worker without the flag from loading at all.

import { Buffer } from "node:buffer";
import { createHmac, timingSafeEqual } from "node:crypto";
import * as coreNode from "@hubsig/core/node";
import { BY_HAND, benchWorker } from "./workerd-bench.js";

export default benchWorker(async (secret) => {
  const nodeVerifier = coreNode.createVerifier({ secret });
  const handWritten = (body, header) => {
    if (!header.startsWith("sha256=")) return false;
    const expected = Buffer.from(header.slice(7), "hex");
    const actual = createHmac("sha256", secret).update(body).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  };
  return [
    { name: BY_HAND[1], verify: handWritten, run: handWritten },
    {
      // The core's node:crypto engine, which workerd could run with this flag: shown to explain
      // why workerd gets the WebCrypto build.
      name: "@hubsig/core/node (node:crypto)",
      verify: async (body, header) => (await nodeVerifier.verify(body, header)).ok,
      run: (body, header) => nodeVerifier.verify(body, header),
    },
  ];
});
