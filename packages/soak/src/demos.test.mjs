// The short version of the demo-server parts: every demo app of scripts/demo.mjs soaked,
// flooded with hostile traffic and sent deliveries by a sender that gives up, for seconds.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPS } from "../../../scripts/demo.mjs";
import { startDemo } from "./demo-server.mjs";
import { floodServer } from "./flood.mjs";
import { giveUpAndRetry } from "./give-up.mjs";
import { stopAll } from "./processes.mjs";
import { soakServer } from "./soak.mjs";

const SECRET = "soak-test-current-secret";
const PREVIOUS = "soak-test-previous-secret";
const WORK_MS = 60;
const logDir = mkdtempSync(join(tmpdir(), "hubsig-soak-test-"));

afterAll(stopAll);

it("builds every demo app before these tests: each is a dependency of this package", () => {
  const { devDependencies } = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  );
  for (const app of APPS) {
    expect(devDependencies, `add ${app.dir} to @hubsig/soak's devDependencies`).toHaveProperty(
      app.dir.split("/").at(-1),
    );
  }
});

describe.each(APPS)("$name-demo", (app) => {
  /** @type {import("./demo-server.mjs").DemoServer} */
  let server;

  beforeAll(async () => {
    // One server for the three parts, with slow work so that the give-up sender can abandon
    // attempts while their handler runs.
    server = await startDemo(app, { secret: SECRET, previous: PREVIOUS, workMs: WORK_MS, logDir });
  });
  afterAll(() => server?.stop());

  it("answers every valid delivery 2xx, runs each handler once, and stays up", async () => {
    const result = await soakServer(server, {
      secret: SECRET,
      concurrency: 8,
      durationMs: 1500,
      warmupMs: 500,
    });
    expect(result.sent).toBeGreaterThan(0);
    expect(result.samples).toEqual([]);
    expect(result).toMatchObject({ non2xx: 0, errors: 0, notRun: 0, ranTwice: 0, alive: true });
    expect(result.rssEnd).toBeGreaterThan(0);
  });

  it("accepts nothing hostile, answers each kind as expected while valid deliveries flow, and stays up", async () => {
    const result = await floodServer(server, {
      secret: SECRET,
      concurrency: 4,
      floodMs: 1500,
      scale: 0.01,
    });
    for (const kind of result.kinds) {
      expect(kind.sent, kind.kind).toBeGreaterThan(0);
      expect({ kind: kind.kind, wrong: kind.wrong, samples: kind.samples }).toEqual({
        kind: kind.kind,
        wrong: 0,
        samples: [],
      });
    }
    expect(result.kinds.map((kind) => kind.kind)).toHaveLength(7);
    expect(result.valid.sent).toBeGreaterThan(0);
    expect(result).toMatchObject({ forgedAccepted: 0, notRun: 0, alive: true, pass: true });
    expect(result.valid.failed).toBe(0);
  });

  it("loses nothing and runs each delivery once when the sender gives up and retries at once", async () => {
    const result = await giveUpAndRetry(server, {
      secret: SECRET,
      deliveries: 24,
      concurrency: 6,
      workMs: WORK_MS,
    });
    expect(result).toMatchObject({ lost: 0, ranOnce: 24, ranTwice: 0, notRun: 0, alive: true });
    // The case that matters happened: attempts abandoned while their handler ran.
    expect(result.abandonedRan).toBeGreaterThan(0);
  });
});
