"use client";

import { flowToDefinition } from "@northstar/journey";
import { useEffect, useState } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { useTRPCClient } from "~/trpc/react";

const DEBOUNCE_MS = 350;

export interface CompileStatus {
  compiling: boolean;
  planHash: string | null;
  failed: string | null;
}

/**
 * Compiles what the canvas holds, saved or not, a moment after each edit (the server binds the objective and
 * guardrails). Out-of-order answers are dropped: only the newest edit's diagnostics are shown.
 */
export function useLiveDiagnostics(versionId: string | null): CompileStatus {
  const client = useTRPCClient();
  const changeSeq = useCanvasStore((s) => s.changeSeq);
  const loadCount = useCanvasStore((s) => s.loadCount);
  const setDiagnostics = useCanvasStore((s) => s.setDiagnostics);
  const [status, setStatus] = useState<CompileStatus>({ compiling: false, planHash: null, failed: null });

  useEffect(() => {
    if (!versionId || loadCount === 0) return;
    let current = true;
    setStatus((s) => ({ ...s, compiling: true }));
    const timer = setTimeout(
      async () => {
        try {
          const definition = flowToDefinition(useCanvasStore.getState());
          const result = await client.canvas.compileDraft.mutate({ versionId, definition });
          if (!current) return;
          setDiagnostics(result.diagnostics);
          setStatus({ compiling: false, planHash: result.planHash, failed: null });
        } catch (error) {
          if (current)
            setStatus({
              compiling: false,
              planHash: null,
              failed: error instanceof Error ? error.message : "compile failed",
            });
        }
      },
      changeSeq === 0 ? 0 : DEBOUNCE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, versionId, changeSeq, loadCount, setDiagnostics]);

  return status;
}
