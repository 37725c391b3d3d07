// Request bodies shared by the verification and HTTP benchmarks. Every body is valid UTF-8 JSON,
// so that the adapters, which parse JSON after verifying, accept all of them.

const utf8 = new TextEncoder();

/** The secret every contender is configured with. */
export const SECRET = "It's a Secret to Everybody";

// A Jira Cloud `jira:issue_updated` delivery, with names and text outside ASCII, as Jira sends
// them for teams writing in German, Japanese, Polish and with emoji.
function jiraDelivery(filler) {
  return {
    timestamp: 1764345600000,
    webhookEvent: "jira:issue_updated",
    issue_event_type_name: "issue_generic",
    user: {
      self: "https://acme.atlassian.net/rest/api/2/user?accountId=5b10ac8d82e05b22cc7d4ef5",
      accountId: "5b10ac8d82e05b22cc7d4ef5",
      displayName: "Zoë Łukasiewicz-Müller",
      active: true,
      timeZone: "Europe/Warsaw",
      accountType: "atlassian",
    },
    issue: {
      id: "10482",
      self: "https://acme.atlassian.net/rest/api/2/10482",
      key: "ŻÓŁW-128",
      fields: {
        summary: "Übersetzung der Anmeldeseite: 日本語のエラーメッセージが文字化けする 🐢",
        description: filler,
        issuetype: { id: "10004", name: "Bug", subtask: false },
        project: { id: "10000", key: "ZOLW", name: "Żółw — Plattform", projectTypeKey: "software" },
        priority: { id: "2", name: "High" },
        status: { id: "3", name: "In Progress", statusCategory: { key: "indeterminate" } },
        labels: ["i18n", "ログイン", "größe"],
        assignee: { accountId: "60e5a86a471e61006a4b1c22", displayName: "Søren Kierkegård" },
        reporter: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Łukasiewicz-Müller" },
        created: "2026-11-27T09:14:02.118+0100",
        updated: "2026-11-28T17:40:51.004+0100",
      },
    },
    changelog: {
      id: "20931",
      items: [
        {
          field: "status",
          fieldtype: "jira",
          from: "10000",
          fromString: "To Do",
          to: "3",
          toString: "In Progress",
        },
        { field: "assignee", fieldtype: "jira", fromString: null, toString: "Søren Kierkegård" },
      ],
    },
    comment: {
      id: "30117",
      body: "Bitte prüfen — ログイン画面の「パスワードを忘れた」リンクも確認してください。Dziękuję! 🙏",
      author: { accountId: "60e5a86a471e61006a4b1c22", displayName: "Søren Kierkegård" },
    },
  };
}

const PARAGRAPH =
  "Schritte: Seite öffnen, Sprache auf 日本語 stellen, falsches Passwort eingeben. Erwartet: 「パスワードが違います」. Tatsächlich: Ã¤Ã¶Ã¼-Zeichensalat. Zażółć gęślą jaźń. ";

/** A Jira-shaped delivery of about `bytes` UTF-8 bytes (never less). */
export function jiraBody(bytes) {
  let filler = "";
  let body = utf8.encode(JSON.stringify(jiraDelivery(filler)));
  while (body.length < bytes) {
    filler += PARAGRAPH;
    body = utf8.encode(JSON.stringify(jiraDelivery(filler)));
  }
  return body;
}

/** Valid JSON of exactly `bytes` bytes: `{"data":"xxxx…"}`, the shape of a generic large delivery. */
export function paddedBody(bytes) {
  const frame = '{"data":""}';
  return utf8.encode(`{"data":"${"x".repeat(Math.max(0, bytes - frame.length))}"}`);
}

/** The bodies of the verification benchmark, by label. */
export function verifyBodies() {
  return [
    { label: "256 B", body: paddedBody(256) },
    { label: "4 KiB", body: paddedBody(4096) },
    { label: "64 KiB", body: paddedBody(65536) },
    { label: "1 MiB", body: paddedBody(1048576) },
    { label: "Jira 6 KiB", body: jiraBody(6144) },
  ];
}

/** The bodies of the HTTP benchmark: Jira-shaped JSON, so every receiver parses real JSON. */
export function httpBodies() {
  return [
    { label: "4 KiB", body: jiraBody(4096) },
    { label: "64 KiB", body: jiraBody(65536) },
  ];
}
