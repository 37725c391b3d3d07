import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Io } from "./io.js";
import { run } from "./run.js";

/** In-process runs, for what a spawned process cannot easily fake: a terminal on stdin. */
function io(stdin: Io["stdin"]) {
  const out = { stdout: "", stderr: "" };
  const streams: Io = {
    stdin,
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env: {},
  };
  return { out, streams };
}

describe("run with a terminal on stdin", () => {
  it("refuses to wait for typed input when no FILE is given", async () => {
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    const { out, streams } = io(terminal);
    expect(await run(["sign", "--secret", "k"], streams)).toBe(2);
    expect(out.stderr).toBe(
      'hubsig: no input: give a FILE, pipe the body into stdin, or use "-" to type it\n',
    );
  });

  it('reads the terminal when asked with "-"', async () => {
    const terminal = Object.assign(Readable.from([Buffer.from("Hello, World!")]), { isTTY: true });
    const { out, streams } = io(terminal);
    expect(await run(["sign", "-", "--secret", "It's a Secret to Everybody"], streams)).toBe(0);
    expect(out.stdout).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n",
    );
  });
});
