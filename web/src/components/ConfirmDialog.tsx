import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "./Button.tsx";

/**
 * The one modal of the app (Radix dialog: focus moves in and is trapped, Escape and the overlay
 * close it, title and description labelled). `onClose` runs on Escape and on a click outside.
 */
export function ModalDialog({
  title,
  description,
  actions,
  onClose,
  role = "dialog",
}: {
  title: string;
  description: ReactNode;
  actions: ReactNode;
  onClose: () => void;
  /** "alertdialog" for an interruption that needs an answer (a save conflict). */
  role?: "dialog" | "alertdialog";
}) {
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          role={role}
          className="fixed top-1/2 left-1/2 z-50 w-full max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-xl bg-white p-6 shadow-xl"
        >
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          {/* A div: descriptions may hold paragraphs and lists (a delete dialog names the channels). */}
          <Dialog.Description asChild>
            <div className="space-y-2 text-sm text-slate-600">{description}</div>
          </Dialog.Description>
          <div className="flex justify-end gap-2">{actions}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** An accessible confirmation: Cancel (also Escape) or the dangerous action. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  confirmDisabled = false,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The action cannot be taken (the dialog says why); Cancel stays. */
  confirmDisabled?: boolean;
}) {
  return (
    <ModalDialog
      title={title}
      description={children}
      onClose={onCancel}
      actions={
        <>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={confirmDisabled}>
            {confirmLabel}
          </Button>
        </>
      }
    />
  );
}
