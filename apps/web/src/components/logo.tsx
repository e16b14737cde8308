export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <defs>
        <linearGradient id="ns-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#8ea2ff" />
          <stop offset="1" stopColor="#4f6cf7" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#ns-logo)" />
      <path d="M16 5l2.6 8.4L27 16l-8.4 2.6L16 27l-2.6-8.4L5 16l8.4-2.6z" fill="white" />
    </svg>
  );
}
