// Integration-test and benchmark helpers: real HTTP and SMTP servers on 127.0.0.1 and journey fixtures.
export * from "./fixtures";
export * from "./http-server";
export * from "./journeys";
export * from "./smtp-sink";
export * from "./tcp-relay";
export * from "./step-database";
