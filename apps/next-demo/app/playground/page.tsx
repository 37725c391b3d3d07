import type { Metadata } from "next";
import { Playground } from "./playground";
import styles from "./playground.module.css";

export const metadata: Metadata = { title: "Signature playground · hubsig" };

/**
 * `/playground`: sign and verify an `X-Hub-Signature` value by hand, and see why one does not
 * match. A static page: the work happens in the browser (see ./playground.tsx).
 */
export default function PlaygroundPage() {
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>Signature playground</h1>
      <p className={styles.lead}>
        Paste the body your receiver got, the signature header value and your secret, then press{" "}
        <strong>Verify</strong> to check them, or <strong>Sign</strong> to compute the header value
        the sender should have sent. When they do not match, the playground tells you the probable
        cause: a re-serialized JSON body, a trailing newline, a secret with whitespace around it,
        and so on.
      </p>
      <p className={styles.private}>
        Everything runs in this browser tab with the Web Crypto API. Nothing you type is sent
        anywhere: not the body, not the signature, not the secret.
      </p>
      <Playground />
    </main>
  );
}
