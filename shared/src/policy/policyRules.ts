import { buttonLimits } from "./rules/buttonLimits.ts";
import { contactCardFields } from "./rules/contactCardFields.ts";
import { danglingEdge } from "./rules/danglingEdge.ts";
import { deadEnd } from "./rules/deadEnd.ts";
import { linkOutsideAllowlist } from "./rules/linkOutsideAllowlist.ts";
import { linkShortener } from "./rules/linkShortener.ts";
import { listLimits } from "./rules/listLimits.ts";
import { locationRequestVariables } from "./rules/locationRequestVariables.ts";
import { loopWithoutWait } from "./rules/loopWithoutWait.ts";
import { mediaFile } from "./rules/mediaFile.ts";
import { questionCollectsSecret } from "./rules/questionCollectsSecret.ts";
import { requiredText } from "./rules/requiredText.ts";
import type { Rule } from "./rules/rule.ts";
import { scriptCode } from "./rules/scriptCode.ts";
import { scriptNeeded } from "./rules/scriptNeeded.ts";
import { scriptSecretRequest } from "./rules/scriptSecretRequest.ts";
import { secretRequestInText } from "./rules/secretRequestInText.ts";
import { startBlock } from "./rules/startBlock.ts";
import { textLength } from "./rules/textLength.ts";
import { undefinedVariable } from "./rules/undefinedVariable.ts";
import { unreachableBlock } from "./rules/unreachableBlock.ts";
import { unsupportedPattern } from "./rules/unsupportedPattern.ts";
import { variableType } from "./rules/variableType.ts";

/** Every rule lintFlow runs, in report order: safety first, then WhatsApp limits, then graph soundness. */
export const policyRules: readonly Rule[] = [
  secretRequestInText,
  questionCollectsSecret,
  scriptSecretRequest,
  linkShortener,
  linkOutsideAllowlist,
  textLength,
  requiredText,
  buttonLimits,
  listLimits,
  mediaFile,
  contactCardFields,
  locationRequestVariables,
  unsupportedPattern,
  scriptNeeded,
  scriptCode,
  startBlock,
  danglingEdge,
  unreachableBlock,
  deadEnd,
  loopWithoutWait,
  undefinedVariable,
  variableType,
];

/** The rules that hold blocks to what WhatsApp's API accepts; the simulator shows their findings
 * in place of a message WhatsApp would refuse. */
export const whatsAppLimitRules: readonly Rule[] = [
  textLength,
  requiredText,
  buttonLimits,
  listLimits,
  contactCardFields,
];
