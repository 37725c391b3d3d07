// How values cross between the Node test process and the worker: JSON, plus what JSON loses
// and the contract looks at: undefined (a hole in a secret list), errors with their class,
// bytes, and the Hono context (as the path and headers the contract reads from it).

const ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
};

/** A Hono context as the Node side sees it: what `pathOf` and `headerOf` read. */
export interface ContextView {
  path: string;
  headers: Record<string, string>;
}

function isContext(value: unknown): value is {
  req: { path: string; raw: Request };
} {
  return (
    typeof value === "object" &&
    value !== null &&
    "req" in value &&
    "env" in value &&
    typeof (value as { req?: { header?: unknown } }).req?.header === "function"
  );
}

/** Serializes `value` for the other side. */
export function encode(value: unknown): string {
  return JSON.stringify({ value }, function replace(this: unknown, _key, item: unknown) {
    if (item === undefined) return { $undefined: true };
    if (item instanceof Error) return { $error: { name: item.name, message: item.message } };
    if (item instanceof Uint8Array) return { $bytes: Array.from(item) };
    if (isContext(item)) {
      const view: ContextView = {
        path: item.req.path,
        headers: Object.fromEntries(item.req.raw.headers),
      };
      return { $context: view };
    }
    return item;
  });
}

/** Rebuilds what {@link encode} wrote: `undefined` in place, errors of their class, bytes. */
export function decode<T = unknown>(text: string): T {
  const revived = JSON.parse(text, (_key, item) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      if (item.$undefined === true) return UNDEFINED;
      if (item.$error) {
        const error = new (ERRORS[item.$error.name] ?? Error)(item.$error.message);
        if (!(item.$error.name in ERRORS)) error.name = item.$error.name;
        return error;
      }
      if (item.$bytes) return new Uint8Array(item.$bytes);
      if (item.$context) return item.$context;
    }
    return item;
  });
  return restoreUndefined(revived.value) as T;
}

// A reviver that returns undefined deletes the entry, so undefined travels as a marker and is
// put back in place afterwards.
const UNDEFINED = Symbol("undefined");

function restoreUndefined(value: unknown): unknown {
  if (value === UNDEFINED) return undefined;
  if (Array.isArray(value)) return value.map(restoreUndefined);
  if (value && typeof value === "object" && value.constructor === Object) {
    for (const [key, item] of Object.entries(value)) {
      (value as Record<string, unknown>)[key] = restoreUndefined(item);
    }
  }
  return value;
}

/** A call from the worker to a function of the mount's setup, which lives in the test process. */
export interface BridgeCall {
  mount: number;
  /** `secret`, `onFailure`, `dedupe.store.begin`, ..., or `route` and `error`. */
  path: string;
  args: unknown[];
}

/** What a bridged call came to: its value, or what it threw. */
export type BridgeResult = { value: unknown } | { thrown: Error };

/** Options with each function replaced by the path the worker calls it by. */
export interface MountRequest {
  mount: number;
  options?: unknown;
  scenario?: string;
}

/** Replaces every function in `options` by `{ $fn: path }`; `collect` keeps the functions. */
export function describeOptions(
  options: unknown,
  collect: (path: string, fn: (...args: unknown[]) => unknown) => void,
  path = "",
): unknown {
  if (typeof options === "function") {
    collect(path, options as (...args: unknown[]) => unknown);
    return { $fn: path };
  }
  if (Array.isArray(options)) return options;
  if (options && typeof options === "object") {
    const described: Record<string, unknown> = {};
    // Own and prototype methods alike: a store may be a class instance.
    const keys = new Set<string>(Object.keys(options));
    for (let proto = Object.getPrototypeOf(options); proto && proto !== Object.prototype; ) {
      for (const key of Object.getOwnPropertyNames(proto)) if (key !== "constructor") keys.add(key);
      proto = Object.getPrototypeOf(proto);
    }
    for (const key of keys) {
      const value = (options as Record<string, unknown>)[key];
      const child = path ? `${path}.${key}` : key;
      described[key] =
        typeof value === "function"
          ? describeOptions((value as (...a: unknown[]) => unknown).bind(options), collect, child)
          : describeOptions(value, collect, child);
    }
    return described;
  }
  return options;
}
