import { HubsigModule } from "@hubsig/nestjs";
import { Module } from "@nestjs/common";
import { logRefusal } from "demo-support/events";
import { JiraController } from "./jira.controller";
import { settings } from "./settings";

const { secrets, dedupe } = settings;

@Module({
  imports: [
    HubsigModule.forRoot({
      secret: secrets,
      maxBodyBytes: 1024 * 1024, // the default, spelled out: Jira's own limit is 25 MB
      dedupe,
      onFailure: (failure, request) =>
        logRefusal(failure, request.headers["x-atlassian-webhook-identifier"]),
    }),
  ],
  controllers: [JiraController],
})
export class AppModule {}
