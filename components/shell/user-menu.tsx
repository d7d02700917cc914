"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";

export function UserMenu({ email, role }: { email: string; role: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-md px-3 py-1.5 text-sm hover:bg-gray-100"
      >
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-blue-600 text-xs font-semibold text-white">
          {email.slice(0, 1).toUpperCase()}
        </span>
        <span>{email}</span>
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-gray-200 bg-white py-1 shadow-lg"
        >
          <p className="px-3 py-2 text-xs text-gray-500">
            Signed in as {email}
            <br />
            Role: <span className="font-medium text-gray-700">{role}</span>
          </p>
          <Link
            href="/account"
            role="menuitem"
            onClick={() => setOpen(false)}
            className="block w-full px-3 py-2 text-left text-sm hover:bg-gray-100"
          >
            Account and password
          </Link>
          <button
            type="button"
            role="menuitem"
            onClick={() => signOut({ redirectTo: "/signin" })}
            className="block w-full px-3 py-2 text-left text-sm hover:bg-gray-100"
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
