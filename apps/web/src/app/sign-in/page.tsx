import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@northstar/auth";
import { Logo } from "~/components/logo";
import { currentUserId } from "~/server/auth";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(callbackUrl);
  if (await currentUserId()) redirect(target);
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-ink-900 via-ink-800 to-brand-700 px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-3 text-white">
          <Logo className="h-10 w-10" />
          <span className="text-2xl font-semibold tracking-tight">Northstar</span>
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-2xl shadow-black/30">
          <h1 className="text-lg font-semibold text-slate-900">Sign in to your workspace</h1>
          <p className="mt-1 text-sm text-slate-500">Journeys that start from the result they must move.</p>
          <SignInForm callbackUrl={target} />
        </div>
      </div>
    </main>
  );
}
