import { buttonLimits } from "./rules/buttonLimits.ts";
import { deadEnd } from "./rules/deadEnd.ts";
import { listLimits } from "./rules/listLimits.ts";
import { loopWithoutWait } from "./rules/loopWithoutWait.ts";
import { requiredText } from "./rules/requiredText.ts";
import type { Rule } from "./rules/rule.ts";
import { startBlock } from "./rules/startBlock.ts";
import { textLength } from "./rules/textLength.ts";
import { undefinedVariable } from "./rules/undefinedVariable.ts";
import { unreachableBlock } from "./rules/unreachableBlock.ts";

/** Every rule lintFlow runs, in report order: safety first, then WhatsApp limits, then graph soundness. */
export const policyRules: readonly Rule[] = [
  textLength,
  requiredText,
  buttonLimits,
  listLimits,
  startBlock,
  unreachableBlock,
  deadEnd,
  loopWithoutWait,
  undefinedVariable,
];
