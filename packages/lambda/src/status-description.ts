// RFC 9110 reason phrases for the statuses this package answers with itself.
const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  400: "Bad Request",
  401: "Unauthorized",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * The `statusDescription` ALB requires in a result: the status code and its reason phrase,
 * separated by one space.
 */
export function statusDescription(status: number): string {
  const reason = REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}
