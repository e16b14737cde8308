import { type Area, canAccess } from "@northstar/auth";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell, type NavItem } from "~/components/app-shell";
import { loadViewer } from "~/server/viewer";

export const dynamic = "force-dynamic";

const NAV: (NavItem & { area: Area })[] = [
  { href: "/journeys", label: "Journeys", icon: "journeys", area: "journeys" },
  { href: "/dashboard", label: "Dashboard", icon: "dashboard", area: "dashboard" },
  { href: "/review", label: "Review queue", icon: "reviewQueue", area: "reviewQueue" },
  { href: "/customers", label: "Customers", icon: "customers", area: "customers" },
  { href: "/outbox", label: "Outbox", icon: "outbox", area: "outbox" },
  { href: "/quarantine", label: "Quarantine", icon: "quarantine", area: "quarantine" },
  { href: "/settings/write-keys", label: "Write keys", icon: "writeKeys", area: "writeKeys" },
  { href: "/admin", label: "Admin", icon: "admin", area: "admin" },
];

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await loadViewer();
  if (!viewer) redirect("/sign-in");
  const nav = NAV.filter((item) => canAccess(viewer.role, item.area)).map(({ area: _area, ...item }) => item);
  return (
    <AppShell nav={nav} user={viewer.user} workspaceName={viewer.workspaceName} role={viewer.role}>
      {children}
    </AppShell>
  );
}
