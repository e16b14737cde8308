import "server-only";
import { type Area, canAccess } from "@northstar/auth";
import type { Role } from "@northstar/db";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { serverApi } from "~/trpc/server";

export interface Viewer {
  user: { id: string; name: string; email: string };
  workspaceId: string;
  workspaceName: string;
  role: Role;
}

/** The signed-in user and their active workspace, or null without a valid session. */
export const loadViewer = cache(async (): Promise<Viewer | null> => {
  const api = await serverApi();
  try {
    const me = await api.session.me();
    if (!me.active) return null;
    return {
      user: me.user,
      workspaceId: me.active.workspaceId,
      workspaceName: me.active.workspaceName,
      role: me.active.role,
    };
  } catch (error) {
    if ((error as { code?: string }).code === "UNAUTHORIZED") return null;
    throw error;
  }
});

/** For pages of one area: sends strangers to sign-in and hides the page from roles that may not use it. */
export async function requireArea(area: Area): Promise<Viewer> {
  const viewer = await loadViewer();
  if (!viewer) redirect("/sign-in");
  if (!canAccess(viewer.role, area)) notFound();
  return viewer;
}
