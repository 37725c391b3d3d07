import { createVerifier } from "@hubsig/core";
import { type WebhookPipeline, webhookPipeline } from "@hubsig/core/adapter";
import type { Reflector } from "@nestjs/core";
import type { HubsigOptions, NestRequest } from "./options.js";
import { WEBHOOK_OPTIONS_METADATA } from "./webhook-options.decorator.js";

/** One route's options and the pipeline built from them. */
export interface PreparedRoute {
  options: HubsigOptions;
  pipeline: WebhookPipeline<NestRequest>;
}

type Target = abstract new (...args: any[]) => unknown;

function prepare(options: HubsigOptions): PreparedRoute {
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });
  return { options, pipeline };
}

/**
 * The pipelines of the application's webhook routes: one for the module's options, shared by
 * every route without `@WebhookOptions()`, and one per route that lays options over them.
 * Built when the application starts, so that bad options throw `TypeError` at start-up.
 */
export class WebhookPipelines {
  private readonly shared: PreparedRoute;
  private readonly routes = new WeakMap<Target, Map<unknown, PreparedRoute>>();

  constructor(
    private readonly options: HubsigOptions,
    private readonly reflector: Reflector,
  ) {
    this.shared = prepare(options);
  }

  /** The prepared route for `handler` of `controller`, built the first time it is asked for. */
  for(controller: Target, handler: object): PreparedRoute {
    let byHandler = this.routes.get(controller);
    const known = byHandler?.get(handler);
    if (known) return known;
    const onClass = this.reflector.get<Partial<HubsigOptions> | undefined>(
      WEBHOOK_OPTIONS_METADATA,
      controller,
    );
    const onRoute = this.reflector.get<Partial<HubsigOptions> | undefined>(
      WEBHOOK_OPTIONS_METADATA,
      handler as () => unknown,
    );
    const route =
      onClass || onRoute ? prepare({ ...this.options, ...onClass, ...onRoute }) : this.shared;
    if (!byHandler) this.routes.set(controller, (byHandler = new Map()));
    byHandler.set(handler, route);
    return route;
  }
}
