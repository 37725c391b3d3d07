"use client";

import { type DiagnosisFinding, diagnose } from "@hubsig/core/diagnose";
// The WebCrypto build, named explicitly: the page must never need node:crypto.
import { sign } from "@hubsig/core/web";
import { useEffect, useId, useState } from "react";
import styles from "./playground.module.css";

/** What the status line shows. */
type Outcome =
  | { kind: "idle" }
  | { kind: "verified"; text: string }
  | { kind: "failed"; text: string; message: string; findings: DiagnosisFinding[] }
  | { kind: "signed"; text: string }
  | { kind: "error"; text: string };

const SAMPLE_BODY = JSON.stringify({
  webhookEvent: "comment_created",
  comment: { id: "10040", body: "Zoë 👍 日本語" },
  issue: { key: "HUB-7" },
});

/**
 * The form: Body, Signature header and Secret, Verify and Sign buttons, and the outcome in a
 * `role="status"` region. Verify runs `diagnose` from `@hubsig/core/diagnose`, which verifies
 * first and only looks for causes when that fails.
 */
export function Playground() {
  const id = useId();
  const [body, setBody] = useState(SAMPLE_BODY);
  const [header, setHeader] = useState("");
  const [secret, setSecret] = useState("");
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [busy, setBusy] = useState(false);
  // The buttons wait for hydration: before it, a click does nothing, and React would replace
  // whatever was typed into the server-rendered fields with the initial state.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function run(action: () => Promise<Outcome>) {
    setBusy(true);
    try {
      setOutcome(await action());
    } catch (error) {
      // Misuse (an empty secret) throws a TypeError with a readable message.
      setOutcome({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const onVerify = () =>
    run(async (): Promise<Outcome> => {
      const { result, findings } = await diagnose(body, header, { secret });
      if (result.ok) {
        return {
          kind: "verified",
          text: `Verified (${result.algorithm}, secret #${result.secretIndex})`,
        };
      }
      return {
        kind: "failed",
        text: `Not verified: ${result.reason}`,
        message: result.message,
        findings,
      };
    });

  const onSign = () =>
    run(async (): Promise<Outcome> => {
      const value = await sign(body, secret);
      setHeader(value);
      return { kind: "signed", text: "Signed: the Signature header now holds sha256 of the body." };
    });

  return (
    <form className={styles.form} onSubmit={(event) => event.preventDefault()}>
      <label className={styles.label} htmlFor={`${id}-body`}>
        Body
      </label>
      <textarea
        id={`${id}-body`}
        className={`${styles.field} ${styles.body}`}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        spellCheck={false}
        rows={10}
      />
      <p className={styles.hint}>Hashed as UTF-8, exactly as typed: spaces and newlines count.</p>

      <label className={styles.label} htmlFor={`${id}-header`}>
        Signature header
      </label>
      <input
        id={`${id}-header`}
        className={styles.field}
        value={header}
        onChange={(event) => setHeader(event.target.value)}
        placeholder="sha256=…"
        spellCheck={false}
        autoComplete="off"
      />

      <label className={styles.label} htmlFor={`${id}-secret`}>
        Secret
      </label>
      {/* A text area, not an input: an input drops newlines, and a secret read from a file with
          its newline is one of the mistakes to show. */}
      <textarea
        id={`${id}-secret`}
        className={`${styles.field} ${styles.secret}`}
        value={secret}
        onChange={(event) => setSecret(event.target.value)}
        rows={1}
        spellCheck={false}
        autoComplete="off"
      />
      <p className={styles.hint}>Paste it as your receiver loads it, whitespace included.</p>

      <div className={styles.buttons}>
        <button
          type="button"
          className={styles.primary}
          onClick={onVerify}
          disabled={busy || !hydrated}
        >
          Verify
        </button>
        <button
          type="button"
          className={styles.secondary}
          onClick={onSign}
          disabled={busy || !hydrated}
        >
          Sign
        </button>
      </div>

      <div role="status" className={`${styles.status} ${styles[outcome.kind]}`}>
        <Status outcome={outcome} />
      </div>
    </form>
  );
}

function Status({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === "idle") return <p>Fill in the fields, then press Verify or Sign.</p>;
  if (outcome.kind !== "failed") return <p className={styles.verdict}>{outcome.text}</p>;
  return (
    <>
      <p className={styles.verdict}>{outcome.text}</p>
      <p>{outcome.message}</p>
      {outcome.findings.length === 0 ? (
        <p>
          No probable cause found: no known mistake explains the mismatch. The body or the secret
          differs from what the sender signed, or the signature is forged.
        </p>
      ) : (
        <>
          <p className={styles.verdict}>
            {outcome.findings.length === 1 ? "Probable cause" : "Probable causes"}
          </p>
          <ul className={styles.findings}>
            {outcome.findings.map(({ cause, message }) => (
              <li key={cause}>
                <code className={styles.cause}>{cause}</code> {message}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
