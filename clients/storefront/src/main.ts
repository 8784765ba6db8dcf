import { createOrdersClient, type OrdersClient, placeOrder, type RetryOptions } from "@orders/client";
import { currentReference, startNewAttempt } from "./attempt.js";
import { type CartLine, customer, euros, loadCart, orderFor, saveCart, shippingAddress, totalOf } from "./cart.js";
import { OrderPanel } from "./orderPanel.js";
import { failedOutcome, type Outcome, placedOutcome } from "./outcome.js";
import { loggingFetch } from "./requestLog.js";
import { loadSettings } from "./settings.js";

/**
 * A shopper waits at the button: three attempts, then say so (at most ~31 s when nothing answers,
 * about a second when the browser refuses at once). Pressing again later is safe: the reference stays.
 */
const retryOptions: RetryOptions = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000, timeoutMs: 10_000 };

const storage = sessionStorage;
const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} is missing from the page.`);
  return element as T;
};
const status = byId("checkout-status");
const placeButton = byId<HTMLButtonElement>("place-order");

let cart = loadCart(storage);
// Settled placeOrder calls are what tests wait for: a double click has two in flight at once.
let inFlight = 0;

function show(state: Outcome["state"] | "ready" | "sending" | "unconfigured", title: string, detail = "", orderId?: string): void {
  status.dataset.state = state;
  status.dataset.inFlight = String(inFlight);
  byId("status-title").textContent = title;
  byId("status-detail").textContent = detail;
  byId("order-id").textContent = orderId ?? "";
  byId("order-id-line").hidden = orderId === undefined;
}

function log(entry: string): void {
  const item = document.createElement("li");
  item.textContent = entry;
  byId("request-log").append(item);
}

function renderCart(): void {
  const rows = cart.map((line, index) => {
    const row = document.createElement("tr");
    const quantity = Object.assign(document.createElement("input"), { type: "number", min: "1", max: "99", value: String(line.quantity) });
    quantity.setAttribute("aria-label", `Quantity of ${line.title}`);
    quantity.addEventListener("change", () => updateQuantity(index, quantity.valueAsNumber));
    row.append(cell(line.title), cell(euros(line.unitPrice)), cell(quantity), cell(euros(line.quantity * line.unitPrice)));
    return row;
  });
  byId("cart-lines").replaceChildren(...rows);
  byId("cart-total").textContent = euros(totalOf(cart));
}

function cell(content: string | Node): HTMLTableCellElement {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

function updateQuantity(index: number, quantity: number): void {
  cart = cart.map((line: CartLine, i) => (i === index && Number.isInteger(quantity) && quantity > 0 ? { ...line, quantity } : line));
  saveCart(storage, cart);
  renderCart();
}

/**
 * The button stays enabled while an order is on its way, on purpose: this demo proves that the
 * reference, not the button, keeps a second order out. (A real page may disable it as a courtesy; a
 * retry, a reload or a second tab gets around that anyway.)
 */
async function placeTheOrder(client: OrdersClient, panel: OrderPanel): Promise<void> {
  inFlight++;
  show("sending", "Placing your order…");
  let outcome: Outcome;
  try {
    const placed = await placeOrder(client, orderFor(cart, currentReference(storage)), retryOptions);
    outcome = placedOutcome(placed);
    // The order page's part: what can still be done with it (cancel, change the address).
    panel.show(placed.order);
  } catch (error) {
    outcome = failedOutcome(error);
  }
  inFlight--;
  show(outcome.state, outcome.title, outcome.detail, outcome.orderId);
}

function start(): void {
  renderCart();
  byId("ship-to").textContent = `${customer.name} <${customer.email}>, ${shippingAddress.line1}, ${shippingAddress.postalCode} ${shippingAddress.city}, ${shippingAddress.country}`;
  const settings = loadSettings(storage);
  if (settings === undefined) {
    placeButton.disabled = true;
    show("unconfigured", "Not configured", "Open this page with ?api=<the Orders API's URL>&token=<a bearer token>.");
    return;
  }
  byId("api-origin").textContent = settings.apiBaseUrl;
  const client = createOrdersClient({ baseUrl: settings.apiBaseUrl, token: () => settings.token, fetch: loggingFetch(log) });
  byId("client-reference").textContent = currentReference(storage);
  const panel = new OrderPanel(client, retryOptions);
  placeButton.addEventListener("click", () => void placeTheOrder(client, panel));
  byId("new-order").addEventListener("click", () => {
    byId("client-reference").textContent = startNewAttempt(storage);
    show("ready", "Ready", "A new checkout: the next order gets a new reference.");
  });
  show("ready", "Ready");
}

start();
