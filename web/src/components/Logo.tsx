export function Logo() {
  return (
    <span className="flex items-center gap-2 font-semibold text-slate-900">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-brand-600" fill="currentColor">
        <path d="M3 21V8l3-2v3h2V5l4-3 4 3v4h2V6l3 2v13h-7v-5a2 2 0 0 0-4 0v5z" />
      </svg>
      Benteng
    </span>
  );
}
