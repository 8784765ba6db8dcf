import { newClientReference } from "@orders/client";

const referenceKey = "storefront.clientReference";

/**
 * The clientReference of the checkout attempt in progress. It is made when the attempt starts (the
 * checkout page opens with none in progress) and kept in sessionStorage, so every click, retry and
 * reload of this attempt sends the same one: that is what makes a second order impossible.
 */
export function currentReference(storage: Storage): string {
  const existing = storage.getItem(referenceKey);
  if (existing !== null) return existing;
  const reference = newClientReference();
  storage.setItem(referenceKey, reference);
  return reference;
}

/** Only the shopper's explicit "start a new order" ends an attempt; nothing automatic may. */
export function startNewAttempt(storage: Storage): string {
  storage.removeItem(referenceKey);
  return currentReference(storage);
}
