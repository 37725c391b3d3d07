import { describe, expect, it } from "vitest";
import { SAMPLE_EVENTS, samplePayload } from "./samples.js";
import { tamper } from "./tamper.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (value: string) => new TextEncoder().encode(value);

describe("tamper", () => {
  it.each([
    ['{"a":"bc"}', '{"a":"Bc"}', "first letter of the first value"],
    ['{"abc":1,"d":"ef"}', '{"abc":1,"d":"Ef"}', "keys are skipped"],
    ['{"k" :\n "v"}', '{"k" :\n "V"}', "whitespace before the colon"],
    ['{"k":"\\n\\u00e9x"}', '{"k":"\\n\\u00e9X"}', "escapes and their hex digits are skipped"],
    ['{"k":"\\"q"}', '{"k":"\\"Q"}', "an escaped quote does not end the string"],
    ['{"k":"--9"}', '{"k":"--0"}', "a digit is bumped, 9 wraps to 0"],
    ['[ "x" ]', '[ "X" ]', "a string in an array is a value"],
    ['{"k":"é!","l":"m"}', '{"k":"é!","l":"M"}', "a value without ASCII letters is passed over"],
    ['{"abc":1}', '{"Abc":1}', "no string value: the first letter anywhere"],
    ["plain text", "Plain text", "not JSON"],
    ["!!!", "!! ", "no letter or digit: the last byte's low bit"],
    ["", " ", "an empty body gets one space"],
  ])("%s -> %s (%s)", (input, expected) => {
    expect(text(tamper(bytes(input)))).toBe(expected);
  });

  it("changes exactly one byte of every sample, keeps valid JSON and leaves the input alone", async () => {
    for (const event of SAMPLE_EVENTS) {
      const body = await samplePayload(event);
      const before = body.slice();
      const changed = tamper(body);
      expect(body).toEqual(before);
      expect(changed.length).toBe(body.length);
      expect(changed.filter((byte, i) => byte !== body[i]).length).toBe(1);
      expect(JSON.parse(text(changed))).not.toEqual(JSON.parse(text(body)));
    }
  });

  it("reads a Buffer pool view at its own offset", () => {
    const pool = Buffer.from('xx{"a":"bc"}yy');
    const view = pool.subarray(2, 12);
    expect(text(tamper(view))).toBe('{"a":"Bc"}');
  });
});
