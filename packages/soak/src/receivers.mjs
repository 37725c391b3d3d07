// A pool of receiver processes (src/receiver.mjs) behind a pretend load balancer: slots that
// can be killed with SIGKILL and restarted, and the runs their handlers recorded.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tail } from "./demo-server.mjs";
import { startProcess, stopProcess } from "./processes.mjs";

const RECEIVER = fileURLToPath(new URL("./receiver.mjs", import.meta.url));

/**
 * @typedef {{ adapter: "express" | "koa", client: "ioredis" | "redis" }} ReceiverKind
 * @typedef {{ kind: ReceiverKind, url?: string, child?: import("node:child_process").ChildProcess }} Slot
 * @typedef {{ pid: number, at: number }} Kill
 */

/**
 * Starts one receiver per kind, all with the same environment (Redis, prefix, lease).
 *
 * @param {{ kinds: ReceiverKind[], env: Record<string, string>, dir: string, clock: () => number }} options
 * @example
 * const pool = await startReceivers({ kinds, env: { REDIS_URL, SECRET, RUNS_FILE }, dir, clock });
 * await pool.killOne(); // kill -9 a receiver, and start another in its place
 */
export async function startReceivers({ kinds, env, dir, clock }) {
  /** @type {Slot[]} */
  const slots = kinds.map((kind) => ({ kind }));
  /** @type {Kill[]} */
  const kills = [];
  let started = 0;
  /** @type {Promise<void>[]} */
  const restarts = [];

  const start = async (slot) => {
    const logFile = join(dir, `receiver-${started++}.log`);
    const child = startProcess(process.execPath, [RECEIVER], {
      logFile,
      env: { ...process.env, ...env, ADAPTER: slot.kind.adapter, CLIENT: slot.kind.client },
    });
    slot.child = child;
    const [chunk] = await Promise.race([
      once(/** @type {NodeJS.ReadableStream} */ (child.stdout), "data"),
      once(child, "exit").then(() => {
        throw new Error(`a receiver exited at start:\n${tail(logFile)}`);
      }),
    ]);
    const { port } = JSON.parse(String(chunk).split("\n")[0]);
    slot.url = `http://127.0.0.1:${port}/webhooks/jira`;
  };
  await Promise.all(slots.map(start));

  return {
    /** URLs of the receivers that are up. */
    urls: () => slots.flatMap((slot) => (slot.url ? [slot.url] : [])),
    kills,
    /**
     * kill -9 one receiver that is up (none: false), and start a new one in its place without
     * waiting for it: a slow start must not space the kills out.
     */
    async killOne() {
      const up = slots.filter((slot) => slot.url);
      const slot = up[Math.floor(Math.random() * up.length)];
      if (!slot) return false;
      slot.url = undefined; // the load balancer notices
      const child = /** @type {import("node:child_process").ChildProcess} */ (slot.child);
      kills.push({ pid: /** @type {number} */ (child.pid), at: clock() });
      await stopProcess(child, "SIGKILL");
      restarts.push(start(slot));
      return true;
    },
    /** Waits for the restarts under way, then stops every receiver. */
    async stop() {
      await Promise.allSettled(restarts);
      await Promise.all(
        slots.map((slot) => slot.child && stopProcess(slot.child, "SIGTERM", 3000)),
      );
    },
  };
}

/**
 * @typedef {{ id: string, retry: number, pid: number, ended: boolean }} Run
 */

/**
 * The handler runs a runs file holds, by delivery identifier, in the order they started.
 *
 * @returns {Map<string, Run[]>}
 * @example
 * const runs = readRuns(file).get("jira-7"); // [{ retry: 0, pid: 4242, ended: true }]
 */
export function readRuns(file) {
  /** @type {Map<string, Run[]>} */
  const runs = new Map();
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {}
  for (const line of text.split("\n")) {
    const [what, id, retry, pid] = line.split(" ");
    if (!id) continue;
    const list = runs.get(id) ?? [];
    runs.set(id, list);
    if (what === "start") {
      list.push({ id, retry: Number(retry), pid: Number(pid), ended: false });
    } else if (what === "end") {
      const run = list.find((r) => r.retry === Number(retry) && r.pid === Number(pid) && !r.ended);
      if (run) run.ended = true;
    }
  }
  return runs;
}
