import { describe, expect, it } from "vitest";
import { readBody } from "./read-body.ts";

async function* chunks(parts: Uint8Array[], onReturn?: () => void) {
  try {
    for (const part of parts) yield part;
  } finally {
    onReturn?.();
  }
}

describe("readBody", () => {
  it("joins chunks in order", async () => {
    const read = await readBody(
      chunks([Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of()]),
      10,
    );
    expect(read).toEqual({ ok: true, body: Uint8Array.of(1, 2, 3) });
  });

  it("returns a single chunk as is, and an empty body for no chunks", async () => {
    const only = Uint8Array.of(7, 8);
    const read = await readBody(chunks([only]), 2);
    expect(read.ok && read.body).toBe(only);
    expect(await readBody(chunks([]), 0)).toEqual({ ok: true, body: new Uint8Array(0) });
  });

  it("accepts exactly the limit", async () => {
    const read = await readBody(chunks([new Uint8Array(5), new Uint8Array(5)]), 10);
    expect(read.ok && read.body.length).toBe(10);
  });

  it("stops pulling at limit + 1 and releases the source", async () => {
    let pulled = 0;
    let released = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield new Uint8Array(1024);
        }
      } finally {
        released = true;
      }
    }
    const read = await readBody(endless(), 10 * 1024);
    expect(read).toMatchObject({ ok: false, status: 413, reason: "body_too_large" });
    expect(pulled).toBe(11);
    expect(released).toBe(true);
  });

  it("refuses string chunks instead of hashing re-encoded text", async () => {
    async function* text() {
      yield "not bytes" as unknown as Uint8Array;
    }
    await expect(readBody(text(), 100)).rejects.toThrow(TypeError);
  });

  it("passes a stream error on", async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Uint8Array.of(1);
      throw new Error("aborted");
    }
    await expect(readBody(broken(), 100)).rejects.toThrow("aborted");
  });
});
