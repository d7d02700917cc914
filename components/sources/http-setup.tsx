"use client";

import { Card, Tab, TabGroup, TabList, TabPanel, TabPanels } from "@tremor/react";
import { useSyncExternalStore } from "react";
import { CodeBlock } from "./code-block";

const CALLS = ["track", "identify", "page", "screen", "group", "alias", "batch"] as const;
const PLACEHOLDER = "YOUR_WRITE_KEY";

/** This console's own address, as the browser sees it (the SDKs send to the same host). */
function useOrigin(): string {
  return useSyncExternalStore(
    () => () => {},
    () => window.location.origin,
    () => "",
  );
}

function snippets(origin: string, KEY: string) {
  const url = new URL(origin || "http://localhost");
  const protocol = url.protocol.replace(":", "");
  return {
    curl: `curl ${origin}/v1/track \\
  -u '${KEY}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId": "user-123", "event": "Order Completed", "properties": {"revenue": 42, "currency": "EUR"}}'`,
    browser: `import { AnalyticsBrowser } from "@segment/analytics-next";

export const analytics = AnalyticsBrowser.load(
  {
    writeKey: "${KEY}",
    // Settings given here, so nothing is fetched from Segment's CDN.
    cdnSettings: { integrations: { "Segment.io": { apiKey: "${KEY}" } } },
  },
  { integrations: { "Segment.io": { apiHost: "${url.host}/v1", protocol: "${protocol}" } } },
);

analytics.page();
analytics.identify("user-123", { email: "jane@example.com", plan: "pro" });
analytics.track("Order Completed", { revenue: 42, currency: "EUR" });`,
    node: `import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({ writeKey: "${KEY}", host: "${origin}" });

analytics.identify({ userId: "user-123", traits: { email: "jane@example.com", plan: "pro" } });
analytics.track({ userId: "user-123", event: "Order Completed", properties: { revenue: 42, currency: "EUR" } });

await analytics.closeAndFlush(); // before the process exits`,
  };
}

interface HttpSetupProps {
  writeKeyPrefix: string;
  /** The key, once this tab holds it (just created, rotated or revealed); the snippets then carry it. */
  writeKey: string | null;
  canManage: boolean;
}

/** How to send events to an http source: the endpoints, a curl call and the SDK set-up, pointing at this host. */
export function HttpSetup({ writeKeyPrefix, writeKey, canManage }: HttpSetupProps) {
  const origin = useOrigin();
  const code = snippets(origin, writeKey ?? PLACEHOLDER);
  return (
    <Card>
      <h2 className="font-medium">Send data to this source</h2>
      <p className="mt-1 text-sm text-gray-500">
        The tracking API follows the Segment spec, so Segment and RudderStack SDKs work unchanged. Authenticate with
        HTTP Basic auth: the write key as the user name and an empty password (or send it as{" "}
        <code className="font-mono text-gray-700">writeKey</code> in the JSON body).
      </p>
      <p className="mt-2 text-sm text-gray-500" data-testid="snippet-key-note">
        {writeKey ? (
          <>The examples below carry this source&apos;s write key: copy them as they are.</>
        ) : (
          <>
            Replace <code className="font-mono text-gray-700">{PLACEHOLDER}</code> with this source&apos;s key (it
            starts with <code className="font-mono text-gray-700">{writeKeyPrefix}</code>)
            {canManage
              ? ", or reveal it in the Write key card to have it filled in."
              : "; an owner or admin can give it to you."}
          </>
        )}
      </p>
      <ul className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-2" aria-label="Endpoints">
        {CALLS.map((call) => (
          <li key={call} className="flex items-baseline gap-2 text-xs">
            <span className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-gray-500">POST</span>
            <span className="font-mono text-gray-800">
              {origin}/v1/{call}
            </span>
          </li>
        ))}
      </ul>
      <TabGroup className="mt-4">
        <TabList variant="line">
          <Tab>curl</Tab>
          <Tab>Browser (analytics.js)</Tab>
          <Tab>Node.js (analytics-node)</Tab>
        </TabList>
        <TabPanels className="mt-3">
          <TabPanel>
            <CodeBlock code={code.curl} label="curl example" />
          </TabPanel>
          <TabPanel>
            <CodeBlock code={code.browser} label="analytics.js example" />
          </TabPanel>
          <TabPanel>
            <CodeBlock code={code.node} label="analytics-node example" />
          </TabPanel>
        </TabPanels>
      </TabGroup>
    </Card>
  );
}
