import { z } from "zod";

export const roleSchema = z.enum(["viewer", "marketer", "developer", "reviewer", "admin", "agent"]);
export type Role = z.infer<typeof roleSchema>;
export const roles = roleSchema.options;

export const permissionSchema = z.enum([
  "flow.read",
  "flow.edit",
  "script.edit",
  "version.review",
  "transcript.read",
  "workspace.manage",
  /** Answer conversations handed to a person: the inbox, claim, reply, templates, hand back, close. */
  "agent",
]);
export type Permission = z.infer<typeof permissionSchema>;

/** The one table mapping roles to permissions (README, "Roles"). */
export const rolePermissions = {
  viewer: ["flow.read"],
  marketer: ["flow.read", "flow.edit", "transcript.read", "agent"],
  developer: ["flow.read", "flow.edit", "script.edit", "transcript.read"],
  reviewer: ["flow.read", "version.review", "transcript.read"],
  admin: ["flow.read", "flow.edit", "transcript.read", "workspace.manage", "agent"],
  /** Support staff who answer customers and change nothing else. */
  agent: ["transcript.read", "agent"],
} as const satisfies Record<Role, readonly Permission[]>;

/** Whether a member holding `memberRoles` may do what `permission` allows. */
export function can(memberRoles: readonly Role[], permission: Permission): boolean {
  return memberRoles.some((r) => (rolePermissions[r] as readonly Permission[]).includes(permission));
}
