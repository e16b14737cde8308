export { startWorker, type StartWorkerOptions } from "./worker";
