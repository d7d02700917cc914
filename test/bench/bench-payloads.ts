/**
 * The benchmark's traffic: a realistic track call (~0.6 KB: properties with an items array, a browser-like
 * context), in batches of 100 or alone. Every request gets fresh messageIds from a cheap string template, so
 * nothing is deduplicated away and the load generator spends little CPU.
 */
import { randomBytes } from "node:crypto";

const ID = "@@ID@@";
/** Every generator gets its own prefix: two runs never send the same messageId (a duplicate is cheaper to store). */
const prefix = () => randomBytes(4).toString("hex");

function trackEvent(messageId: string, i: number): Record<string, unknown> {
  return {
    type: "track",
    messageId,
    userId: `user-${i % 977}`,
    anonymousId: `anon-${(i * 7919) % 100_003}`,
    event: i % 3 === 0 ? "Order Completed" : i % 3 === 1 ? "Product Viewed" : "Cart Updated",
    timestamp: "2026-05-01T10:00:00.000Z",
    properties: {
      orderId: `order-${i}`,
      total: 129.9,
      currency: "EUR",
      coupon: i % 5 === 0 ? "SPRING" : null,
      items: [
        { sku: "sku-1", name: "Trail shoe", price: 99.9, quantity: 1 },
        { sku: "sku-2", name: "Socks", price: 15, quantity: 2 },
      ],
    },
    context: {
      ip: "203.0.113.7",
      locale: "de-DE",
      library: { name: "analytics.js", version: "5.2.1" },
      page: {
        path: "/checkout",
        url: "https://shop.example/checkout",
        referrer: "https://shop.example/cart",
        title: "Checkout",
      },
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
    },
  };
}

/** Bodies of /v1/batch requests with `size` events; call next() for each request. */
export function batchBodies(size: number): { next(): string; events: number } {
  const template = JSON.stringify({
    sentAt: "2026-05-01T10:00:01.000Z",
    batch: Array.from({ length: size }, (_, i) => trackEvent(`${ID}-${i}`, i)),
  });
  const parts = template.split(ID);
  const run = prefix();
  let counter = 0;
  return { next: () => parts.join(`b${run}-${++counter}`), events: size };
}

/** Bodies of single /v1/track requests. */
export function trackBodies(): { next(): string } {
  const parts = JSON.stringify(trackEvent(ID, 1)).split(ID);
  const run = prefix();
  let counter = 0;
  return { next: () => parts.join(`t${run}-${++counter}`) };
}

/** One event as the batch endpoint receives it, for the raw-insert comparison. */
export function sampleEvent(messageId: string, i: number): Record<string, unknown> {
  return trackEvent(messageId, i);
}
