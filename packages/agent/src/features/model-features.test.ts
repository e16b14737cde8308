import { describe, expect, it } from "vitest";
import { modelFeatures } from "./model-features";

const traits = {
  firstName: "Ada",
  lastName: "Lovelace",
  surname: "Byron",
  username: "ada42",
  birthday: "1815-12-10",
  altEmail: "ada@example.test",
  contact: "+44 20 7946 0958",
  plan: "pro",
  country: "GB",
  orders: 12,
  address: { city: "London", street: "12 St James's Square" },
  prefs: { channel: "email", workPhone: "020 7946 0000" },
};

describe("what a model may see of a customer", () => {
  it("leaves out every personal trait, by name and by value, and the first name unless allowed", () => {
    expect(modelFeatures(traits)).toEqual({ plan: "pro", country: "GB", orders: 12, "prefs.channel": "email" });
    expect(modelFeatures(traits, { traits: "all_except_personal", allow: [], firstName: true })).toEqual({
      firstName: "Ada",
      plan: "pro",
      country: "GB",
      orders: 12,
      "prefs.channel": "email",
    });
  });

  it("shows no trait under 'none' and only the listed non-personal ones under 'allow_list'", () => {
    expect(modelFeatures(traits, { traits: "none", allow: [], firstName: false })).toEqual({});
    expect(modelFeatures(traits, { traits: "none", allow: [], firstName: true })).toEqual({ firstName: "Ada" });
    expect(
      modelFeatures(traits, {
        traits: "allow_list",
        allow: ["plan", "contact", "lastName", "prefs.channel"],
        firstName: false,
      }),
    ).toEqual({ plan: "pro", "prefs.channel": "email" });
  });
});
