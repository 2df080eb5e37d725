const paths: Record<string, string> = {
  play: "M8 5v14l11-7z",
  message: "M4 4h16v12H7l-3 3z",
  media:
    "M4 5h16v14H4zm2 2v8.6l3.5-3.5 2.5 2.5 3.5-4.6 2.5 3.3V7zm3 1.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z",
  location:
    "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z",
  contact:
    "M3 5h18v14H3zm2 2v10h14V7zm4 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm-3 7a3 3 0 0 1 6 0zm8-6h4v1.5h-4zm0 3h4v1.5h-4z",
  question: "M12 3a6 6 0 0 0-6 6h2a4 4 0 1 1 4 4h-1v3h2v-1.1A6 6 0 0 0 12 3zm-1 15h2v2h-2z",
  buttons: "M3 6h18v4H3zm0 8h8v4H3zm10 0h8v4h-8z",
  list: "M4 5h2v2H4zm4 0h12v2H8zM4 11h2v2H4zm4 0h12v2H8zm-4 6h2v2H4zm4 0h12v2H8z",
  branch: "M6 3v8.2A4 4 0 0 0 9 15h6.2l-2.1 2.1 1.4 1.4L19 14l-4.5-4.5-1.4 1.4 2.1 2.1H9a2 2 0 0 1-1-1.8V3z",
  variable: "M5 4h4v2H7v12h2v2H5zm14 0h-4v2h2v12h-2v2h4z",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8a8 8 0 0 1 16 0z",
  stop: "M6 6h12v12H6z",
  code: "M8 6 2 12l6 6 1.4-1.4L4.8 12l4.6-4.6zm8 0-1.4 1.4 4.6 4.6-4.6 4.6L16 18l6-6z",
};

/** The icon a block definition names; unknown names fall back to a dot. */
export function BlockIcon({ name, className = "h-4 w-4" }: { name: string; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={className} fill="currentColor">
      <path d={paths[name] ?? "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z"} />
    </svg>
  );
}
