import { HubsigModule } from "@hubsig/nestjs";
import { Module } from "@nestjs/common";
import { JiraController } from "./jira.controller";
import { dedupe } from "./settings";

const env = process.env;
// Current secret first: secretIndex 1 in a delivery means Jira still signs with the previous one.
const secrets = [env.JIRA_WEBHOOK_SECRET, env.JIRA_WEBHOOK_SECRET_PREVIOUS].filter(
  (secret): secret is string => Boolean(secret),
);

@Module({
  imports: [
    HubsigModule.forRoot({
      secret: secrets,
      maxBodyBytes: 1024 * 1024, // the default, spelled out: Jira's own limit is 25 MB
      dedupe,
      onFailure: (failure, request) => {
        const id = request.headers["x-atlassian-webhook-identifier"] ?? "-";
        console.warn(`refused delivery=${id} status=${failure.status} reason=${failure.reason}`);
      },
    }),
  ],
  controllers: [JiraController],
})
export class AppModule {}
