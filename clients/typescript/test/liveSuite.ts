import { after, before } from "node:test";
import { createOrdersClient, type OrdersClient } from "../src/client.js";
import { LiveApi, mintToken } from "./liveApi.js";

/**
 * Starts one live API (behind prism) for the describe block it is called in, and a client for owner-ada.
 * Read them inside tests, after `before` has run.
 */
export function liveSuite(): { readonly api: LiveApi; readonly client: OrdersClient } {
  const suite = {} as { api: LiveApi; client: OrdersClient };
  before(async () => {
    suite.api = await LiveApi.start();
    suite.client = createOrdersClient({ baseUrl: suite.api.baseUrl, token: () => mintToken() });
  });
  after(() => suite.api?.stop());
  return suite;
}
