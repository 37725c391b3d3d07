import type { FastifyInstance } from "fastify";

const apps: FastifyInstance[] = [];

/**
 * Starts `app` on 127.0.0.1, port 0, and returns its base URL; {@link closeApps} stops it.
 *
 * @example
 * const url = `${await start(app)}/webhooks/jira`;
 */
export async function start(app: FastifyInstance): Promise<string> {
  apps.push(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address");
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Closes every app {@link start} started, dropping open connections (a client still sending an
 * endless body, say).
 *
 * @example
 * afterEach(closeApps);
 */
export async function closeApps(): Promise<void> {
  await Promise.all(
    apps.splice(0).map((app) => {
      app.server.closeAllConnections();
      return app.close();
    }),
  );
}
