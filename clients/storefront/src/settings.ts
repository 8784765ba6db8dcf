/** Where the API is, and the bearer token to call it with. */
export interface ShopSettings {
  apiBaseUrl: string;
  token: string;
}

const settingsKey = "storefront.settings";

/**
 * A real storefront gets its token from its login flow. This demo takes the API's address and a token
 * from the query string once (`?api=…&token=…`) and keeps them in sessionStorage, so a reload still works
 * after the query string is gone.
 */
export function loadSettings(storage: Storage): ShopSettings | undefined {
  const query = new URLSearchParams(location.search);
  const apiBaseUrl = query.get("api");
  const token = query.get("token");
  if (apiBaseUrl && token) {
    storage.setItem(settingsKey, JSON.stringify({ apiBaseUrl, token } satisfies ShopSettings));
    // Keeps the token out of the address bar, the history and screenshots.
    history.replaceState(null, "", location.pathname);
  }
  const stored = storage.getItem(settingsKey);
  return stored === null ? undefined : (JSON.parse(stored) as ShopSettings);
}
