/** The platform mark: a shield carrying 质 (quality). */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 2 L28 6 V15 C28 22.5 22.8 28 16 30 C9.2 28 4 22.5 4 15 V6 Z" fill="#e8b84a" />
      <path d="M16 4.3 L26 7.6 V15 C26 21.3 21.7 26 16 27.8 C10.3 26 6 21.3 6 15 V7.6 Z" fill="#c8102e" />
      <text x="16" y="21" textAnchor="middle" fontSize="13" fontWeight="700" fill="#fff" fontFamily="sans-serif">
        质
      </text>
    </svg>
  );
}
