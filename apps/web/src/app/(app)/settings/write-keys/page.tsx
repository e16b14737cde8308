import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageHeader } from "~/components/page-header";
import { WriteKeysPanel } from "~/components/write-keys/write-keys-panel";
import { requireArea } from "~/server/viewer";

export const metadata: Metadata = { title: "Write keys" };

export default async function WriteKeysPage() {
  await requireArea("writeKeys");
  // The example command points at the host the admin is using, which is what senders will reach.
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return (
    <>
      <PageHeader
        title="Write keys"
        description="Keys that let your website, backend or CDP send track, identify and batch calls to this workspace."
      />
      <div className="max-w-4xl p-8">
        <WriteKeysPanel ingestUrl={`${proto}://${host}`} />
      </div>
    </>
  );
}
