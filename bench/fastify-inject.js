// `node fastify-inject.js`: CPU time per request of the Fastify receivers, through Fastify's own
// `inject` (the whole request lifecycle, content-type parser and hooks included, without sockets
// or a load generator), side by side in one process. On a machine shared with other work this
// separates the receivers better than the HTTP runs: other processes' time does not count.
//
// Options: --rounds=N (default 12), --requests=N per receiver and round (default 2000 at 4 KiB,
// 500 at 64 KiB).

import { httpBodies, SECRET } from "./bodies.js";
import { forgedSignature, signatureFor } from "./contenders.js";
import { fastifyApps } from "./http-server.js";
import { FASTIFY_BY_HAND, FASTIFY_FLOOR, FASTIFY_OURS } from "./receivers.js";
import { median, table } from "./stats.js";

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value];
  }),
);
const rounds = Number(args.get("rounds") ?? 12);
const names = [FASTIFY_OURS, FASTIFY_FLOOR, FASTIFY_BY_HAND];
const apps = new Map();
for (const name of names) {
  const app = fastifyApps[name]();
  await app.ready();
  apps.set(name, app);
}

const request = (body, signature) => ({
  method: "POST",
  url: "/hook",
  payload: Buffer.from(body),
  headers: { "content-type": "application/json", "x-hub-signature": signature },
});

const rows = [];
for (const { label, body } of httpBodies()) {
  const valid = request(body, signatureFor(SECRET, body));
  const forged = request(body, forgedSignature(valid.headers["x-hub-signature"]));
  for (const [name, app] of apps) {
    const ok = (await app.inject(valid)).statusCode;
    const refused = (await app.inject(forged)).statusCode;
    if (ok !== 204 || (name !== FASTIFY_FLOOR && refused !== 401)) {
      throw new Error(`${name} answered ${ok} to a valid delivery and ${refused} to a forged one`);
    }
  }
  const count = Number(args.get("requests") ?? (body.length < 16384 ? 2000 : 500));
  const cpu = new Map(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    // A new order every round, so that no receiver always runs first or last.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const app = apps.get(name);
      for (let i = 0; i < 200; i++) await app.inject(valid);
      const before = process.cpuUsage();
      for (let i = 0; i < count; i++) await app.inject(valid);
      const used = process.cpuUsage(before);
      cpu.get(name).push((used.user + used.system) / count);
    }
  }
  const byHand = cpu.get(FASTIFY_BY_HAND);
  for (const name of names) {
    const ratios = cpu.get(name).map((micros, round) => byHand[round] / micros);
    rows.push([
      label,
      name,
      `${median(cpu.get(name)).toFixed(1)} µs`,
      `${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`,
    ]);
  }
}
console.log(
  `CPU time per request through inject, median of ${rounds} interleaved rounds; "vs by hand" is the hand-written receiver's CPU time / this one's, per round (median, lowest-highest).\n`,
);
console.log(table(["body", "receiver", "CPU/req", "vs by hand (CPU)"], rows));
for (const app of apps.values()) await app.close();
