"use client";

import {
  AGENT_DECISIONS,
  AGENT_POLICIES,
  CHANNELS,
  EXIT_REASONS,
  LEARNING_PHASE_OUTCOMES,
  MESSAGE_PURPOSES,
  minConfidenceHelp,
  type NodeKind,
  UNSUBSCRIBE_ELEMENT,
} from "@northstar/journey";
import { getPath } from "~/lib/canvas/field-errors";
import { formatMinutes } from "~/lib/canvas/node-summary";
import { type FormBinding, NumberField, SelectField, TextField } from "./fields";
import { LearnsFromField } from "./learns-from-field";

type FormProps = { form: FormBinding; fallbackOptions: { value: string; label: string }[]; stepId: string };

/**
 * Switching a union's discriminator replaces the whole object at `target` ("" for the config itself): fields of
 * the other variant would be refused by the schema.
 */
function Discriminator({
  form,
  current,
  target,
  label,
  variants,
}: {
  form: FormBinding;
  current: unknown;
  target: string;
  label: string;
  variants: Record<string, unknown>;
}) {
  return (
    <SelectField
      form={{
        ...form,
        value: { v: current },
        set: (_p, value) => {
          const next = variants[value as string];
          if (next !== undefined) form.set(target, structuredClone(next));
        },
      }}
      path="v"
      label={label}
      options={Object.keys(variants)}
    />
  );
}

function EntryForm({ form }: FormProps) {
  const type = getPath(form.value, "trigger.type");
  const reentry = getPath(form.value, "reentry");
  return (
    <>
      <Discriminator
        form={form}
        current={type}
        target="trigger"
        label="Customers enter"
        variants={{ event: { type: "event", event: "", filters: [] }, segment: { type: "segment", segmentId: "" } }}
      />
      {type === "segment" ? (
        <>
          <TextField form={form} path="trigger.segmentId" label="Segment id" />
          <TextField form={form} path="trigger.dailyAt" label="Daily check at (HH:MM, optional)" placeholder="10:00" />
        </>
      ) : (
        <TextField
          form={form}
          path="trigger.event"
          label="Event name"
          placeholder="signed_up"
          hint="Segment-spec track event"
        />
      )}
      <SelectField
        form={{
          ...form,
          value: { r: typeof reentry === "object" ? "after_days" : reentry },
          set: (_p, v) => form.set("reentry", v === "after_days" ? { afterDays: 30 } : v),
        }}
        path="r"
        label="Re-entry"
        options={["never", "always", "after_days"]}
      />
      {typeof reentry === "object" ? (
        <NumberField form={form} path="reentry.afterDays" label="Re-enter after (days)" />
      ) : null}
      <NumberField
        form={form}
        path="holdoutShare"
        label="Holdout (%)"
        scale={0.01}
        hint="Share kept out of every send to measure lift (max 50%)"
      />
    </>
  );
}

function AgentForm({ form, fallbackOptions, stepId }: FormProps) {
  const minConfidence = Number(getPath(form.value, "minConfidence") ?? 0.6);
  const hasFallback = Boolean(getPath(form.value, "fallbackOptionEdgeId"));
  return (
    <>
      <SelectField form={form} path="decides" label="The agent decides" options={AGENT_DECISIONS} />
      <SelectField form={form} path="policy" label="Decision policy" options={AGENT_POLICIES} />
      <NumberField
        form={form}
        path="exploration"
        label="Exploration (%)"
        scale={0.01}
        hint={`Share of decisions spent trying a non-best option once every option has ${LEARNING_PHASE_OUTCOMES} outcomes`}
      />
      <NumberField
        form={form}
        path="minConfidence"
        label="Minimum confidence (%)"
        scale={0.01}
        hint={minConfidenceHelp(minConfidence, hasFallback ? "option" : "review")}
      />
      <SelectField
        form={form}
        path="fallbackOptionEdgeId"
        label="Fallback option"
        options={fallbackOptions}
        hint="Taken when no option is eligible, and when the agent is unsure after its learning phase"
      />
      <LearnsFromField form={form} stepId={stepId} />
    </>
  );
}

function MessageForm({ form }: FormProps) {
  const channel = getPath(form.value, "channel");
  const mode = getPath(form.value, "content.mode");
  const required = (getPath(form.value, "content.requiredElements") as string[] | undefined) ?? [];
  const toggle = (element: string) =>
    form.set(
      "content.requiredElements",
      required.includes(element) ? required.filter((e) => e !== element) : [...required, element],
    );
  return (
    <>
      <SelectField
        form={{
          ...form,
          // Only a webhook has a target; switching channel adds or drops it so the config stays valid.
          set: (_p, v) => {
            const { webhook: _old, ...rest } = form.value as Record<string, unknown>;
            form.set(
              "",
              v === "webhook" ? { ...rest, channel: v, webhook: { url: "", method: "POST" } } : { ...rest, channel: v },
            );
          },
        }}
        path="channel"
        label="Channel"
        options={CHANNELS}
      />
      <SelectField
        form={form}
        path="purpose"
        label="Purpose"
        options={MESSAGE_PURPOSES}
        hint="Marketing email needs an unsubscribe link"
      />
      <Discriminator
        form={form}
        current={mode}
        target="content"
        label="Content"
        variants={{
          brief: { mode: "brief", keyMessage: "", tone: "friendly", requiredElements: [UNSUBSCRIBE_ELEMENT, "cta"] },
          template: { mode: "template", templateId: "", version: 1, body: "", variables: {} },
        }}
      />
      {mode === "template" ? (
        <>
          <TextField form={form} path="content.templateId" label="Template id" />
          <NumberField form={form} path="content.version" label="Template version" />
          {channel === "email" ? <TextField form={form} path="content.subject" label="Subject" /> : null}
          <TextField
            form={form}
            path="content.body"
            label="Body"
            multiline
            hint="Use {{unsubscribe_url}} in marketing email"
          />
        </>
      ) : (
        <>
          <TextField
            form={form}
            path="content.keyMessage"
            label="Key message"
            multiline
            placeholder="What must the customer take away?"
          />
          <TextField form={form} path="content.tone" label="Tone" />
          <NumberField form={form} path="content.offer.maxDiscountPercent" label="Max discount (%)" />
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-slate-600">Required elements</legend>
            {[UNSUBSCRIBE_ELEMENT, "cta", "logo"].map((element) => (
              <label key={element} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={required.includes(element)}
                  disabled={form.readOnly}
                  onChange={() => toggle(element)}
                />
                {element.replaceAll("_", " ")}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {channel === "webhook" ? (
        <>
          <TextField form={form} path="webhook.url" label="Webhook URL" placeholder="https://" />
          <SelectField form={form} path="webhook.method" label="Method" options={["POST", "PUT", "PATCH"]} />
        </>
      ) : null}
    </>
  );
}

function WaitForm({ form }: FormProps) {
  const type = getPath(form.value, "type");
  return (
    <>
      <Discriminator
        form={form}
        current={type}
        target=""
        label="Wait"
        variants={{
          duration: { type: "duration", minutes: 1_440 },
          until_event: { type: "until_event", event: "", timeoutMinutes: 4_320 },
          agent_send_time: { type: "agent_send_time", windowHours: 24 },
        }}
      />
      {type === "duration" ? (
        <NumberField form={form} path="minutes" label="Minutes" hint={formatMinutes(getPath(form.value, "minutes"))} />
      ) : null}
      {type === "until_event" ? (
        <>
          <TextField form={form} path="event" label="Until event" placeholder="order_completed" />
          <NumberField
            form={form}
            path="timeoutMinutes"
            label="Timeout (minutes)"
            hint={`${formatMinutes(getPath(form.value, "timeoutMinutes"))}; then the timeout branch`}
          />
        </>
      ) : null}
      {type === "agent_send_time" ? <NumberField form={form} path="windowHours" label="Within (hours)" /> : null}
    </>
  );
}

function ReviewForm({ form }: FormProps) {
  return (
    <>
      <TextField form={form} path="approverRole" label="Approver role" />
      <NumberField form={form} path="slaHours" label="SLA (hours)" />
      <TextField form={form} path="escalateTo" label="Escalate to (optional)" />
    </>
  );
}

function ExitForm({ form }: FormProps) {
  return <SelectField form={form} path="reason" label="Reason" options={EXIT_REASONS} />;
}

function NoConfig() {
  return <p className="text-xs text-slate-500">Nothing to configure on this step.</p>;
}

export const CONFIG_FORMS: Record<NodeKind, (props: FormProps) => React.ReactNode> = {
  entry: EntryForm,
  agent: AgentForm,
  message: MessageForm,
  wait: WaitForm,
  review: ReviewForm,
  goal: NoConfig,
  exit: ExitForm,
  rule_split: NoConfig,
};

/** Paths the forms show; errors elsewhere appear in a list so nothing the server refuses is hidden. */
export const SHOWN_PATHS = [
  "trigger.event",
  "trigger.segmentId",
  "trigger.dailyAt",
  "reentry.afterDays",
  "holdoutShare",
  "decides",
  "policy",
  "exploration",
  "minConfidence",
  "fallbackOptionEdgeId",
  "channel",
  "purpose",
  "content.templateId",
  "content.version",
  "content.subject",
  "content.body",
  "content.keyMessage",
  "content.tone",
  "content.offer.maxDiscountPercent",
  "webhook.url",
  "webhook.method",
  "minutes",
  "event",
  "timeoutMinutes",
  "windowHours",
  "approverRole",
  "slaHours",
  "escalateTo",
  "reason",
];
