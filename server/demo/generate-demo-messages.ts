import { randomUUID } from "node:crypto";
import type { DemoVisitor } from "./create-demo-population";
import { CAMPAIGNS, CITIES, DEMO_PAGES, DEMO_PRODUCTS, DEMO_SITE, REFERRERS, type DemoProduct } from "./demo-shop";
import type { Random } from "./seeded-random";

/** A Segment-spec message as a browser SDK would send it, and when it happened. */
export interface TimedMessage {
  at: Date;
  message: Record<string, unknown>;
}

const money = (n: number) => Math.round(n * 100) / 100;
const productProps = (p: DemoProduct) => ({
  product_id: p.product_id,
  sku: p.sku,
  name: p.name,
  category: p.category,
  brand: p.brand,
  price: p.price,
});

/**
 * One visit by one visitor on one of their devices, starting at `start`: page views, product views, cart
 * additions, and sometimes a sign-up (identify) or an order. On a second device the visitor browses
 * anonymously until they sign in there, which joins that device's history to their profile. Mutates the
 * visitor (identified, devices, cart, orders). Messages are `spacingMs` apart at most, so a visit of the past
 * spreads over a few minutes while live traffic stays near now.
 */
export function generateVisit(visitor: DemoVisitor, random: Random, start: Date, spacingMs = 40_000): TimedMessage[] {
  const out: TimedMessage[] = [];
  let clock = start.getTime();
  const device = visitor.devices.length > 1 && random.chance(0.4) ? visitor.devices[1] : visitor.devices[0];
  const ip = `198.51.100.${parseInt(device.anonymousId.slice(0, 2), 16)}`;
  const campaign = random.chance(0.2) ? random.pick(CAMPAIGNS) : null;
  const referrer = random.pick(REFERRERS);

  const emit = (type: string, body: Record<string, unknown>, page: { path: string; title: string }) => {
    const at = new Date(clock);
    clock += random.int(Math.min(1_000, spacingMs), spacingMs);
    const timestamp = at.toISOString();
    out.push({
      at,
      message: {
        type,
        messageId: `ajs-next-${randomUUID()}`,
        anonymousId: device.anonymousId,
        ...(device.signedIn ? { userId: visitor.userId } : {}),
        ...body,
        timestamp,
        sentAt: timestamp,
        context: {
          library: { name: "analytics.js", version: "npm:next-1.72.0" },
          page: { path: page.path, url: `${DEMO_SITE}${page.path}`, title: page.title, referrer },
          userAgent: device.userAgent,
          locale: visitor.locale,
          ip,
          ...(campaign ? { campaign } : {}),
        },
      },
    });
  };
  const pageView = (name: string, path: string, title: string) =>
    emit("page", { name, properties: { path, url: `${DEMO_SITE}${path}`, title, referrer } }, { path, title });
  const identify = (page: { path: string; title: string }) => {
    visitor.identified = true;
    device.signedIn = true;
    visitor.traits.createdAt ??= new Date(clock).toISOString();
    emit("identify", { traits: { ...visitor.traits } }, page);
  };

  const landing = random.pick(DEMO_PAGES);
  pageView(landing.name, landing.path, landing.title);

  if (visitor.identified && !device.signedIn && random.chance(0.5)) {
    // Signing in on another device; now and then they have moved since, so the city trait gets a history.
    const page = { path: "/account/signin", title: "Sign in — Northpeak Outdoor" };
    if (random.chance(0.3)) visitor.traits.city = random.pick(CITIES);
    identify(page);
    emit("track", { event: "Signed In", properties: { method: "email" } }, page);
  }

  for (let views = random.chance(0.55) ? random.int(1, 3) : 0; views > 0; views--) {
    const product = random.pick(DEMO_PRODUCTS);
    const page = { path: `/p/${product.sku.toLowerCase()}`, title: `${product.name} — Northpeak Outdoor` };
    pageView("Product", page.path, page.title);
    emit("track", { event: "Product Viewed", properties: { ...productProps(product), currency: "EUR" } }, page);
    if (random.chance(0.4)) {
      const quantity = random.chance(0.8) ? 1 : 2;
      visitor.cart.push({ product, quantity });
      emit(
        "track",
        {
          event: "Product Added",
          properties: {
            ...productProps(product),
            quantity,
            currency: "EUR",
            cart_id: `cart_${visitor.anonymousId.slice(0, 8)}`,
          },
        },
        page,
      );
    }
  }

  if (!visitor.identified && random.chance(0.12)) {
    const page = { path: "/signup", title: "Create your account — Northpeak Outdoor" };
    identify(page);
    emit("track", { event: "Signed Up", properties: { method: random.pick(["email", "google", "apple"]) } }, page);
  }

  if (visitor.cart.length > 0 && random.chance(0.35)) {
    const page = { path: "/checkout", title: "Checkout — Northpeak Outdoor" };
    if (!device.signedIn) identify(page);
    const products = visitor.cart.map(({ product, quantity }) => ({ ...productProps(product), quantity }));
    const subtotal = money(products.reduce((sum, p) => sum + p.price * p.quantity, 0));
    const discount = random.chance(0.25) ? money(subtotal * 0.1) : 0;
    const shipping = subtotal >= 100 ? 0 : 4.95;
    const tax = money((subtotal - discount) * 0.19);
    const orderId = `ord_${clock.toString(36)}${random.int(100, 999)}`;
    emit(
      "track",
      { event: "Checkout Started", properties: { order_id: orderId, value: subtotal, currency: "EUR", products } },
      page,
    );
    emit(
      "track",
      {
        event: "Order Completed",
        properties: {
          order_id: orderId,
          total: money(subtotal - discount + shipping),
          subtotal,
          revenue: money(subtotal - discount),
          shipping,
          tax,
          discount,
          ...(discount ? { coupon: "TRAIL10" } : {}),
          currency: "EUR",
          products,
        },
      },
      page,
    );
    visitor.cart = [];
    visitor.orders += 1;
  }
  return out;
}

/** A message an SDK with a bug might send; the tracking API refuses each kind with a reason. */
export function generateMalformed(visitor: DemoVisitor, random: Random, at: Date): TimedMessage {
  const timestamp = at.toISOString();
  const kinds: Record<string, unknown>[] = [
    { type: "track", anonymousId: visitor.anonymousId, properties: { product_id: "p-1003" }, timestamp },
    { type: "page", name: "Home", properties: { path: "/" }, timestamp },
    {
      type: "track",
      event: "Coupon Applied",
      anonymousId: visitor.anonymousId,
      properties: { coupon: "TRAIL10" },
      timestamp: "last tuesday",
    },
    { type: "purchase", userId: visitor.userId, properties: { total: 42 }, timestamp },
  ];
  return { at, message: { messageId: `ajs-next-${randomUUID()}`, ...random.pick(kinds) } };
}
