import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/trpc/client";
import "./globals.css";

export const metadata: Metadata = { title: "CDP console", description: "Customer data platform" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-gray-50 text-gray-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
