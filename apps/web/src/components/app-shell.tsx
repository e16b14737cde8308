"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Logo } from "./logo";
import { NavIcon, type NavIconName } from "./nav-icons";

export interface NavItem {
  href: string;
  label: string;
  icon: NavIconName;
}

interface Props {
  nav: NavItem[];
  user: { name: string; email: string };
  workspaceName: string;
  role: string;
  children: ReactNode;
}

export function AppShell({ nav, user, workspaceName, role, children }: Props) {
  const pathname = usePathname();
  return (
    <div className="flex min-h-full">
      <aside className="fixed inset-y-0 left-0 flex w-60 flex-col bg-ink-900 text-slate-300">
        <div className="flex items-center gap-2.5 px-5 py-5">
          <Logo />
          <span className="text-lg font-semibold tracking-tight text-white">Northstar</span>
        </div>
        <div className="mx-3 mb-4 rounded-lg bg-white/5 px-3 py-2">
          <p className="text-[11px] uppercase tracking-wider text-slate-500">Workspace</p>
          <p className="truncate text-sm font-medium text-white" data-testid="workspace-name">
            {workspaceName}
          </p>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-3">
          {nav.map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition ${
                  active ? "bg-brand-600 text-white shadow-sm" : "hover:bg-white/5 hover:text-white"
                }`}
              >
                <NavIcon name={item.icon} />
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="border-t border-white/10 p-4">
          <p className="truncate text-sm font-medium text-white">{user.name}</p>
          <p className="truncate text-xs text-slate-400">{user.email}</p>
          <div className="mt-3 flex items-center justify-between">
            <span
              className="rounded-full bg-brand-500/20 px-2 py-0.5 text-[11px] font-semibold tracking-wide text-brand-100"
              data-testid="role-badge"
            >
              {role}
            </span>
            <button
              type="button"
              onClick={() => signOut({ callbackUrl: "/sign-in" })}
              className="text-xs text-slate-400 hover:text-white"
            >
              Sign out
            </button>
          </div>
        </div>
      </aside>
      <main className="ml-60 min-h-full flex-1">{children}</main>
    </div>
  );
}
