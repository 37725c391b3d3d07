import type { JiraAttachmentEventName, JiraEventOf } from "../../jira/events.ts";
import { type Clock, MIA, SITE } from "./site.ts";

const build =
  <K extends JiraAttachmentEventName>(webhookEvent: K) =>
  (clock: Clock): JiraEventOf<K> =>
    ({
      timestamp: clock.now,
      webhookEvent,
      attachment: {
        self: `${SITE}/rest/api/2/attachment/10017`,
        id: 10017,
        filename: "receiver-401.log",
        author: MIA,
        created: clock.date(),
        size: 4817,
        mimeType: "text/plain",
        content: `${SITE}/rest/api/2/attachment/content/10017`,
      },
    }) as JiraEventOf<K>;

/** `attachment_*`: the attachment, whose `id` Jira sends as a number here. */
export const ATTACHMENT_EVENTS: {
  [K in JiraAttachmentEventName]: (clock: Clock) => JiraEventOf<K>;
} = {
  attachment_created: build("attachment_created"),
  attachment_deleted: build("attachment_deleted"),
};
