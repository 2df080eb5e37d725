import {
  simulateStep,
  simulateVersionStep,
  simulatorStepInput,
  versionSimulatorStepInput,
} from "../../services/simulator.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const simulatorRouter = router({
  /**
   * One customer message through the real engine, on the flow's SAVED draft (never a document the
   * browser sends). Its scripts run for real against their hosts, but a draft is unreviewed code:
   * secrets are stand-ins (`test-value-of-NAME`), never the stored values. People who edit flows only.
   */
  step: permittedProcedure("flow.edit")
    .input(simulatorStepInput)
    .mutation(({ ctx, input }) => simulateStep(ctx, memberOf(ctx), input)),

  /** The same, on a frozen version: reviewers try exactly what they are asked to approve. */
  stepVersion: permittedProcedure("version.review")
    .input(versionSimulatorStepInput)
    .mutation(({ ctx, input }) => simulateVersionStep(ctx, memberOf(ctx), input)),
});
