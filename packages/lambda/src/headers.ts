import type { HeaderLookup } from "@hubsig/core/request";

/** Header fields as the event formats carry them; any of them may be missing or null. */
export interface EventHeaderFields {
  headers?: Readonly<Record<string, string | undefined>> | null;
  multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
  cookies?: readonly string[] | null;
}

/**
 * A lookup by lowercase name over an event's headers, whatever case the service kept: REST APIs
 * pass names as the client sent them, HTTP APIs, function URLs and ALB in lowercase. Values of
 * one name (several entries of `multiValueHeaders`, or keys that differ only in case) are joined
 * with ", ", as Node and fetch join repeated headers: a repeated signature header is then
 * malformed, never one of its copies picked at random. Where both fields are present (REST
 * APIs), `multiValueHeaders` is the complete one, as API Gateway documents.
 */
export function headerLookup(fields: EventHeaderFields): HeaderLookup {
  const values = new Map<string, string>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const previous = values.get(key);
    values.set(key, previous === undefined ? value : `${previous}, ${value}`);
  };
  const { headers, multiValueHeaders, cookies } = fields;
  if (isRecord(multiValueHeaders)) {
    for (const name of Object.keys(multiValueHeaders)) {
      const list = multiValueHeaders[name];
      if (Array.isArray(list))
        for (const value of list) if (typeof value === "string") add(name, value);
    }
  }
  if (isRecord(headers)) {
    // Names that multiValueHeaders already gave are complete; the usual event has only one field.
    const complete = values.size > 0 ? new Set(values.keys()) : undefined;
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (typeof value === "string" && !complete?.has(name.toLowerCase())) add(name, value);
    }
  }
  // Payload 2.0 moves the Cookie header into `cookies`.
  if (Array.isArray(cookies) && cookies.length > 0 && !values.has("cookie")) {
    values.set("cookie", cookies.join("; "));
  }
  return (name) => values.get(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
