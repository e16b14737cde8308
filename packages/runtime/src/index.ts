export type { ChannelAdapter, DeliveryResult, OutgoingMessage } from "./channels/channel";
export { outboxAdapter } from "./channels/channel";
export { type ChannelConfig, type ChannelRegistry, createChannels } from "./channels/registry";
export {
  type ComposedMessage,
  composeMessage,
  finishMessage,
  type RenderedMessage,
} from "./channels/render";
export { signWebhook } from "./channels/webhook";
export { defineTask, type TaskDefinition, toGraphileTask } from "./define-task";
export { type RunStepDeps, runStep } from "./execute/run-step";
export { sendMessage } from "./execute/send-message";
export { processEvents } from "./events/process-events";
export {
  type DecisionCandidate,
  type DecisionHistoryItem,
  type DecisionInput,
  type DecisionPolicy,
  uniformRandomPolicy,
} from "@northstar/engine";
export { RUNTIME_CRONTAB, type RuntimeDeps, runtimeTaskList } from "./tasks/runtime-tasks";
export { installQueue } from "./queue-schema";
export { queuePoolSize } from "./pool-size";
