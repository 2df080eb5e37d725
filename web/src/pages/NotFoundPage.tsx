import { Link } from "wouter";

export function NotFoundPage() {
  return (
    <div className="p-8">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <Link href="/" className="text-sm text-brand-700 underline">
        Back to your flows
      </Link>
    </div>
  );
}
