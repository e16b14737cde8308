import { AppError, storableIssue } from "@northstar/core";
import { TRPCError } from "@trpc/server";
import { dataTransformer } from "./transformer";

/**
 * The server's side of the transformer: outputs as the browser expects them, inputs checked as they arrive, before
 * any procedure sees them. A NUL or unpaired surrogate in any string (PostgreSQL refuses the first and turns the
 * second into U+FFFD), a number beyond the double range, a `__proto__` key or absurd nesting is refused with a 400
 * naming its path, whatever the procedure: no input can reach the database in a form it would alter or reject.
 */
export const serverTransformer = {
  input: {
    serialize: dataTransformer.serialize,
    deserialize(payload: Parameters<typeof dataTransformer.deserialize>[0]): unknown {
      let value: unknown;
      try {
        value = dataTransformer.deserialize(payload);
      } catch (cause) {
        // A hand-made envelope superjson cannot read (meta pointing nowhere, a prototype path) is the sender's error.
        throw new TRPCError({ code: "BAD_REQUEST", message: "input: is not a valid superjson envelope", cause });
      }
      const issue = storableIssue(value);
      if (issue) {
        const field = issue.path.map(String).join(".") || "input";
        const message = `${field}: ${issue.message}`;
        // The cause carries the field errors the error formatter sends, as for any other invalid input.
        const cause = new AppError("BAD_REQUEST", message, { details: { fieldErrors: { [field]: [issue.message] } } });
        throw new TRPCError({ code: "BAD_REQUEST", message, cause });
      }
      return value;
    },
  },
  output: dataTransformer,
};
