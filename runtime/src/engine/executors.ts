import type { BlockType } from "@benteng/shared";
import type { Executor } from "./executor.ts";
import { buttonsExecutor } from "./executors/buttons.ts";
import { conditionExecutor } from "./executors/condition.ts";
import { contactCardExecutor } from "./executors/contactCard.ts";
import { endExecutor } from "./executors/end.ts";
import { handoffExecutor } from "./executors/handoff.ts";
import { listExecutor } from "./executors/list.ts";
import { locationRequestExecutor } from "./executors/locationRequest.ts";
import { mediaExecutor } from "./executors/media.ts";
import { messageExecutor } from "./executors/message.ts";
import { questionExecutor } from "./executors/question.ts";
import { scriptExecutor } from "./executors/script.ts";
import { setVariableExecutor } from "./executors/setVariable.ts";
import { startExecutor } from "./executors/start.ts";

/** One executor per block type; a block type without one is a compile error here. */
export const executors = {
  start: startExecutor,
  message: messageExecutor,
  media: mediaExecutor,
  contactCard: contactCardExecutor,
  question: questionExecutor,
  buttons: buttonsExecutor,
  list: listExecutor,
  locationRequest: locationRequestExecutor,
  condition: conditionExecutor,
  setVariable: setVariableExecutor,
  script: scriptExecutor,
  handoff: handoffExecutor,
  end: endExecutor,
} satisfies { [T in BlockType]: Executor<T> };
