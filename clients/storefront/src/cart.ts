import type { OrderToPlace } from "@orders/client";

export interface CartLine {
  sku: string;
  title: string;
  quantity: number;
  /** Minor units (cents), as the API counts money. */
  unitPrice: number;
}

const cartKey = "storefront.cart";

const demoCart: CartLine[] = [
  { sku: "MUG-BLUE", title: "Blue enamel mug", quantity: 2, unitPrice: 1999 },
  { sku: "TEA-EARL-GREY", title: "Earl Grey, 250 g", quantity: 1, unitPrice: 500 },
];

export const customer = { email: "ada@example.com", name: "Ada Lovelace" };
export const shippingAddress = { line1: "Unter den Linden 1", line2: null, city: "Berlin", postalCode: "10117", country: "DE" };

/**
 * The cart lives in sessionStorage like the reference does: a retry after a reload must send the same
 * body, or the API would rightly call it a different order (409 sameRequest: false).
 */
export function loadCart(storage: Storage): CartLine[] {
  const stored = storage.getItem(cartKey);
  return stored === null ? demoCart.map((line) => ({ ...line })) : (JSON.parse(stored) as CartLine[]);
}

export function saveCart(storage: Storage, cart: CartLine[]): void {
  storage.setItem(cartKey, JSON.stringify(cart));
}

export function totalOf(cart: CartLine[]): number {
  return cart.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

export function orderFor(cart: CartLine[], clientReference: string): OrderToPlace {
  return {
    clientReference,
    currency: "EUR",
    customer,
    shippingAddress,
    lines: cart.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
  };
}

export const euros = (cents: number): string =>
  new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" }).format(cents / 100);
