import type { ReactNode } from 'react';

/** A few inline glyphs (no icon package); decorative only — every status also has words next to it. */
interface GlyphProps {
  size?: number;
}

function Svg({ size = 14, children }: GlyphProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function LockGlyph(props: GlyphProps) {
  return (
    <Svg {...props}>
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" />
    </Svg>
  );
}

export function CheckGlyph(props: GlyphProps) {
  return (
    <Svg {...props}>
      <path d="M3 8.5l3 3 7-7" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}

export function CrossGlyph(props: GlyphProps) {
  return (
    <Svg {...props}>
      <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
    </Svg>
  );
}

export function DotGlyph(props: GlyphProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="3.5" fill="currentColor" stroke="none" />
    </Svg>
  );
}

export function RingGlyph(props: GlyphProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="5" />
    </Svg>
  );
}

export function ArrowGlyph(props: GlyphProps) {
  return (
    <Svg {...props}>
      <path d="M3 8h10M9 4l4 4-4 4" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}
