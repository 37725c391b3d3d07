import { SAMPLE_EVENTS } from "../samples.js";

// Words joined by spaces into lines of at most `width` characters, each starting with `indent`.
function wrap(words: readonly string[], indent: string, width: number): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    if (line !== indent && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
    }
    line += line === indent ? word : ` ${word}`;
  }
  lines.push(line);
  return lines.join("\n");
}

const SECRET_OPTIONS = `  --secret S            the webhook secret (UTF-8)
  --secret-file PATH    read the secret from a file; one trailing newline ("\\n" or "\\r\\n",
                        as editors and echo add it) is removed, nothing else
  HUBSIG_SECRET         environment variable used when neither option is given`;

const EXIT_STATUS = "Exit status: 0 ok, 1 failed, 2 usage error or unreadable input.";

/** `hubsig --help`. */
export const MAIN_HELP = `hubsig: generate secrets, sign, verify and send X-Hub-Signature webhook deliveries
(Jira Cloud, Bitbucket, Confluence, GitHub, WebSub).

Usage: hubsig <command> [options]

Commands:
  secret    print a new random webhook secret
  sign      print the signature header value for a body
  verify    check a signature header value against a body and one or more secrets
  diagnose  verify, and when that fails tell the probable cause and its fix
  send      POST a signed delivery the way Jira sends one

Options:
  -h, --help       show help (also "hubsig <command> --help")
  -v, --version    show the version

The secret can come from --secret, --secret-file PATH or HUBSIG_SECRET, so it need not appear in
shell history.
${EXIT_STATUS}
`;

/** Help of each command. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  secret: `Usage: hubsig secret [--bytes N]

Print a new secret from the system's CSPRNG, base64url without padding: paste it into Jira's
webhook secret field and your receiver's configuration.

Options:
  --bytes N    random bytes, 16 to 1024 (default 32, printed as 43 characters)
  -h, --help   show this help

Example:
  hubsig secret > webhook-secret.txt
`,
  sign: `Usage: hubsig sign [FILE|-] (--secret S | --secret-file PATH) [--algorithm sha256]

Print the signature header value (method=<hex>) for the exact bytes of FILE, or of stdin when
FILE is "-" or left out. Nothing is added or removed: a trailing newline is part of the body.

Options:
${SECRET_OPTIONS}
  --algorithm A         sha256 (default), sha384, sha512 or sha1
  -h, --help            show this help

Example:
  printf 'Hello, World!' | hubsig sign --secret "It's a Secret to Everybody"

${EXIT_STATUS}
`,
  verify: `Usage: hubsig verify [FILE|-] --signature "sha256=<hex>" (--secret S ...) [--algorithms LIST]

Check a signature header value against the exact bytes of FILE (or stdin) and one or more
secrets, the current one first and older ones after it while you rotate. Prints which secret
matched ("secret 0 (current)", "secret 1 (previous #1)", ...) or why nothing did.

Options:
  --signature V         the header value, for example "sha256=757107ea..."
${SECRET_OPTIONS}
                        (repeat --secret and --secret-file: current first, then previous ones)
  --algorithms LIST     accepted methods, comma-separated (default sha256,sha384,sha512)
  -h, --help            show this help

Example:
  hubsig verify body.json --signature "$SIG" --secret "$NEW" --secret "$OLD"

Exit status: 0 verified, 1 not verified (reason and message printed), 2 usage error or
unreadable input.
`,
  diagnose: `Usage: hubsig diagnose [FILE|-] --signature "sha256=<hex>" (--secret S ...) [--algorithms LIST]

Verify like "hubsig verify" and, when the signature does not match, print the probable causes,
each with its fix: a body that was parsed and re-serialized as JSON, a trailing newline added or
removed, CRLF/LF line endings, a lossy text decoding, a secret with surrounding whitespace, a
secret meant as hex or base64 bytes, or a header problem. A forged signature gets no cause.
Give the body and the secret exactly as your receiver sees them. --secret-file drops one trailing
newline, as in every command: when diagnose verifies but your receiver does not, the receiver
probably reads that newline into its secret. No signature computed with a secret is printed.

Options:
  --signature V         the header value your receiver got, for example "sha256=757107ea..."
${SECRET_OPTIONS}
                        (repeat --secret and --secret-file: current first, then previous ones)
  --algorithms LIST     accepted methods, comma-separated (default sha256,sha384,sha512)
  -h, --help            show this help

Example:
  hubsig diagnose received-body.json --signature "$SIG" --secret "$HUBSIG_SECRET"

Exit status: 0 verified, 1 not verified (reason and probable causes printed), 2 usage error or
unreadable input.
`,
  send: `Usage: hubsig send URL (--secret S | --secret-file PATH) [options]

POST a signed delivery the way Jira sends one: Content-Type: application/json, the signature
header, X-Atlassian-Webhook-Identifier, X-Atlassian-Webhook-Retry and X-Atlassian-Webhook-Flow.
The body is a realistic sample of any Jira event, with a timestamp of now (the samples of
@hubsig/core/testing), or your own file. Prints what was sent, the response status and the
response body.

Options:
${SECRET_OPTIONS}
  --event NAME          send a sample of this Jira event (default ${SAMPLE_EVENTS[0]}), one of:
${wrap(SAMPLE_EVENTS, "                          ", 100)}
  --payload FILE|-      send the exact bytes of FILE (or stdin) instead of a sample
  --header NAME         signature header name (default X-Hub-Signature)
  --algorithm A         sha256 (default), sha384, sha512 or sha1
  --tamper              change one character of the body after signing (the receiver must
                        refuse it)
  --retry N             X-Atlassian-Webhook-Retry (default 0)
  --id ID               X-Atlassian-Webhook-Identifier (default a random UUID); Jira retries a
                        delivery with the same identifier
  --flow F              X-Atlassian-Webhook-Flow: Primary (default) or Secondary
  --timeout SECONDS     give up waiting for the answer (default 10)
  -h, --help            show this help

Example:
  hubsig send http://127.0.0.1:3000/webhooks/jira --secret-file secret.txt --event comment_created

Exit status: 0 for a 2xx answer, 1 for any other answer or no answer (refused, timeout),
2 usage error or unreadable input.
`,
};
