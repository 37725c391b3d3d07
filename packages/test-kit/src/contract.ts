import { describe, it } from "vitest";
import { adapterContractCases, type ContractTarget } from "./contract-cases.ts";

export type {
  ContractCase,
  ContractSetup,
  ContractTarget,
  Described,
  Mounted,
  TargetKind,
} from "./contract-cases.ts";

/**
 * Registers every case of the shared adapter contract with Vitest, grouped as the cases are.
 * Each adapter's suite runs it against its own harness (see {@link ContractTarget}); Deno's
 * suite registers the same cases with `Deno.test` through `adapterContractCases`.
 *
 * @example
 * describe.each(MAJORS)("verifyWebhook on Express $major", ({ express }) => {
 *   describeAdapterContract(expressTarget(express));
 * });
 */
export function describeAdapterContract(target: ContractTarget): void {
  const groups = new Map<string, ReturnType<typeof adapterContractCases>[number][]>();
  for (const c of adapterContractCases(target.kind)) {
    groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  }
  describe("adapter contract", () => {
    for (const [group, cases] of groups) {
      describe(group, () => {
        for (const c of cases) it(c.name, () => c.run(target));
      });
    }
  });
}
