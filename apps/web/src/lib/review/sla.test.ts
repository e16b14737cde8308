import { describe, expect, it } from "vitest";
import { formatAge, slaState, slaText } from "./sla";

describe("review SLA", () => {
  it("is due soon from three quarters of the SLA and overdue once it has passed", () => {
    expect(slaState(1, 24)).toBe("ok");
    expect(slaState(18, 24)).toBe("due-soon");
    expect(slaState(24, 24)).toBe("overdue");
    expect(slaState(30, 24)).toBe("overdue");
  });

  it("says how long an item has waited and by how much it is late", () => {
    expect(formatAge(0.5)).toBe("30 min");
    expect(formatAge(5.9)).toBe("5 h");
    expect(formatAge(72)).toBe("3 days");
    expect(slaText(2, 24)).toBe("waiting 2 h of 24 h SLA");
    expect(slaText(30, 24)).toBe("waiting 30 h, 6 h past the 24 h SLA");
  });
});
