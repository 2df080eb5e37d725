import type { ContactCard } from "@benteng/shared";
import type { Executor } from "../executor.ts";

/** Sends the block's contact card; empty optional fields and entries are left out. */
export const contactCardExecutor: Executor<"contactCard"> = {
  enter(node, ctx) {
    const d = node.data;
    const optional = (key: "firstName" | "lastName" | "company" | "title") =>
      d[key].trim() === "" ? {} : { [key]: d[key].trim() };
    const card: ContactCard = {
      name: d.name.trim(),
      ...optional("firstName"),
      ...optional("lastName"),
      ...optional("company"),
      ...optional("title"),
      phones: d.phones
        .filter((p) => p.phone.trim() !== "")
        .map((p) => ({ phone: p.phone.trim(), type: p.type })),
      emails: d.emails
        .filter((e) => e.email.trim() !== "")
        .map((e) => ({ email: e.email.trim(), type: e.type })),
      urls: d.urls.filter((u) => u.url.trim() !== "").map((u) => ({ url: u.url.trim(), type: u.type })),
    };
    ctx.send({ kind: "contacts", contacts: [card] });
    return { next: "next" };
  },
};
