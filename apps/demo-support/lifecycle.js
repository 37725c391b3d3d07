/**
 * Prints the line a demo prints once it listens, with the URL it listens on; `pnpm demo` and
 * `pnpm soak` read the URL from it.
 *
 * @example
 * server.listen(port, host, () => announceListening("koa-demo", server.address()));
 *
 * @param {string} name
 * @param {import("node:net").AddressInfo} address
 * @param {string} [note] said after the URL
 */
function announceListening(name, address, note) {
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  console.log(`${name} listening on http://${hostPart}:${address.port}${note ? ` ${note}` : ""}`);
}

/**
 * Exits when the server cannot listen (the port is taken, the host is not this machine's).
 *
 * @example
 * server.on("error", (error) => cannotListen("koa-demo", host, port, error));
 *
 * @param {string} name
 * @param {string} host
 * @param {number} port
 * @param {Error} error
 * @returns {never}
 */
function cannotListen(name, host, port, error) {
  console.error(`${name}: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
}

/**
 * On SIGTERM or SIGINT, closes the server with `close` (which stops accepting and lets in-flight
 * deliveries finish) and exits; after 5 s it exits anyway.
 *
 * @example
 * closeOnSignals("express-demo", () => new Promise((resolve) => server.close(resolve)));
 *
 * @param {string} name
 * @param {() => Promise<unknown>} close
 */
function closeOnSignals(name, close) {
  const shutDown = async (signal) => {
    console.log(`${name}: ${signal}, closing`);
    setTimeout(() => process.exit(1), 5000).unref();
    await close();
    process.exit(0);
  };
  process.once("SIGTERM", shutDown);
  process.once("SIGINT", shutDown);
}

exports.announceListening = announceListening;
exports.cannotListen = cannotListen;
exports.closeOnSignals = closeOnSignals;
