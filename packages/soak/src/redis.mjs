// redis-server and Redis Cluster on loopback ports, from the Debian package redis-server.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { exited, freePort, startProcess, stopProcess, waitFor } from "./processes.mjs";

const run = promisify(execFile);

/**
 * @typedef {object} RedisNode
 * @property {number} port
 * @property {string} url
 * @property {import("node:child_process").ChildProcess} child
 * @property {() => Promise<void>} stop SIGTERM: Redis writes what it must and exits
 * @property {() => Promise<void>} kill SIGKILL
 */

/**
 * Starts redis-server on 127.0.0.1 and resolves once it accepts connections. With `durable`,
 * every write is in the append-only file before Redis answers it (`appendfsync always`), so that
 * a restart keeps the leases and the handled marks, as a production store must.
 *
 * @param {{ dir: string, port?: number, durable?: boolean, cluster?: boolean, nodeTimeoutMs?: number }} options
 * @returns {Promise<RedisNode>}
 * @example
 * const redis = await startRedis({ dir: "/tmp/soak", durable: true });
 * await redis.stop();
 */
export async function startRedis({ dir, port, durable = false, cluster = false, nodeTimeoutMs }) {
  const chosen = port ?? (await freePort());
  const data = join(dir, `redis-${chosen}`);
  mkdirSync(data, { recursive: true });
  const args = ["--port", String(chosen), "--bind", "127.0.0.1", "--dir", data, "--save", ""];
  args.push(
    ...(durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
  );
  if (cluster) {
    args.push("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf");
    args.push("--cluster-node-timeout", String(nodeTimeoutMs ?? 2000));
  }
  let output = "";
  const child = startProcess("redis-server", args, {
    logFile: join(dir, `redis-${chosen}.log`),
    onLine: (line) => {
      output += `${line}\n`;
    },
  });
  const failed = new Promise((_, reject) => {
    child.once("error", (error) =>
      reject(
        new Error(
          `Cannot run redis-server (${error.message}). Install it: apt-get install -y redis-server`,
        ),
      ),
    );
  });
  await Promise.race([
    failed,
    waitFor(
      () => output.includes("Ready to accept connections") || exited(child),
      15_000,
      () => `redis-server did not start on ${chosen}:\n${output}`,
      50,
    ),
  ]);
  if (exited(child)) throw new Error(`redis-server exited on ${chosen}:\n${output}`);
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    child,
    stop: () => stopProcess(child, "SIGTERM", 10_000),
    kill: () => stopProcess(child, "SIGKILL"),
  };
}

/**
 * `redis-cli` with `args`, resolving with its output.
 *
 * @example
 * await redisCli(["-p", "7000", "cluster", "info"]);
 */
export async function redisCli(args) {
  const { stdout } = await run("redis-cli", args, { timeout: 30_000 });
  return stdout;
}

/**
 * @typedef {object} RedisCluster
 * @property {RedisNode[]} nodes
 * @property {string} seeds host:port,host:port,... of every node
 * @property {() => Promise<number[]>} primaries ports of the nodes that are primaries now
 * @property {(port: number) => Promise<string | undefined>} replicaOf the port of a replica of the primary on `port`
 * @property {() => Promise<boolean>} healthy every node reports cluster_state:ok
 * @property {() => Promise<void>} stop
 */

/**
 * A Redis Cluster on loopback: `primaries` primaries with one replica each
 * (`redis-server --cluster-enabled yes`, then `redis-cli --cluster create ... --cluster-replicas 1`).
 *
 * @param {{ dir: string, primaries?: number, nodeTimeoutMs?: number }} options
 * @returns {Promise<RedisCluster>}
 * @example
 * const cluster = await startCluster({ dir, nodeTimeoutMs: 2000 });
 * const [first] = await cluster.primaries();
 */
export async function startCluster({ dir, primaries = 3, nodeTimeoutMs = 2000 }) {
  const nodes = [];
  for (let i = 0; i < primaries * 2; i++) {
    nodes.push(await startRedis({ dir, cluster: true, nodeTimeoutMs }));
  }
  const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
  await redisCli(["--cluster", "create", ...addresses, "--cluster-replicas", "1", "--cluster-yes"]);
  const infoOf = async (port) => {
    try {
      return await redisCli(["-p", String(port), "cluster", "info"]);
    } catch {
      return "";
    }
  };
  const alive = () => nodes.filter((node) => !exited(node.child));
  const healthy = async () =>
    (await Promise.all(alive().map((node) => infoOf(node.port)))).every((info) =>
      info.includes("cluster_state:ok"),
    );
  await waitFor(healthy, 30_000, () => "the Redis Cluster did not reach cluster_state:ok", 200);
  const nodesTable = async () => {
    for (const node of alive()) {
      try {
        return (await redisCli(["-p", String(node.port), "cluster", "nodes"]))
          .trim()
          .split("\n")
          .map((line) => line.split(" "));
      } catch {}
    }
    return [];
  };
  return {
    nodes,
    seeds: addresses.join(","),
    healthy,
    async primaries() {
      return (await nodesTable())
        .filter((fields) => fields[2]?.includes("master") && !fields[2]?.includes("fail"))
        .map((fields) => Number(fields[1]?.split("@")[0]?.split(":")[1]));
    },
    async replicaOf(port) {
      const table = await nodesTable();
      const primary = table.find((fields) => fields[1]?.split("@")[0]?.endsWith(`:${port}`));
      const replica = table.find((fields) => fields[3] === primary?.[0]);
      return replica?.[1]?.split("@")[0]?.split(":")[1];
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}
