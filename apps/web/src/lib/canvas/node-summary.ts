/**
 * One line per node saying what it does, read from its config. Tolerant of incomplete drafts: a missing field
 * reads as "not set" instead of throwing, because the canvas renders drafts the compiler still rejects.
 */
type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === "object" ? (v as Loose) : {});
const str = (v: unknown, fallback = "not set") => (typeof v === "string" && v.trim() !== "" ? v : fallback);

export function formatMinutes(minutes: unknown): string {
  if (typeof minutes !== "number" || !Number.isFinite(minutes)) return "?";
  if (minutes % 1_440 === 0) return `${minutes / 1_440} day${minutes === 1_440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

export function summarizeNode(kind: string, config: unknown): string {
  const c = obj(config);
  switch (kind) {
    case "entry": {
      const trigger = obj(c.trigger);
      return trigger.type === "segment" ? `Enters segment ${str(trigger.segmentId)}` : `On event ${str(trigger.event)}`;
    }
    case "agent":
      return `Decides ${str(c.decides, "path").replace("_", " ")} · ${str(c.policy, "learning")} policy`;
    case "message": {
      const content = obj(c.content);
      const what =
        content.mode === "template"
          ? `template ${str(content.templateId)}`
          : str(content.keyMessage, "brief not written");
      return `${str(c.channel, "channel?").toUpperCase()} · ${what}`;
    }
    case "wait":
      if (c.type === "until_event") return `Until ${str(c.event)} · max ${formatMinutes(c.timeoutMinutes)}`;
      if (c.type === "agent_send_time") return `Agent picks the time within ${c.windowHours ?? "?"} h`;
      return `For ${formatMinutes(c.minutes)}`;
    case "review":
      return `${str(c.approverRole)} approves · SLA ${c.slaHours ?? "?"} h`;
    case "goal":
      return "Objective met";
    case "exit":
      return `Exit: ${str(c.reason, "explicit")}`;
    case "rule_split":
      return "Legacy if/then; consider an agent node";
    default:
      return "";
  }
}
